/*
 * progress.h: the one-line progress display of a long run on stderr
 * (pages done and total, pages per second, time left).  It is shown
 * when stderr is a terminal, the run has PROGRESS_MIN pages or more,
 * and neither --quiet nor CI=true says otherwise; --progress and
 * --no-progress force it.  It never writes to stdout.  One thread at a
 * time may call progress_due(), progress_draw() and progress_hide();
 * the pool's writer token gives that.
 */
#ifndef CL_PROGRESS_H
#define CL_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

#define PROGRESS_MIN	500

struct plan;

struct progress {
	int		 on;
	int		 shown;		/* the line is on the screen */
	int		 tty_out;	/* stdout is a terminal too */
	size_t		 total;
	int64_t		 start;		/* ms, monotonic */
	int64_t		 next;		/* no redraw before this */
};

/* Decide whether to show progress for a run of total pages. */
void	progress_start(struct progress *, const struct plan *, size_t total);
/* 1 when a redraw is due (at most 4 a second); 0 at once when off. */
int	progress_due(struct progress *);
void	progress_draw(struct progress *, size_t done);
/* Between the pages and the report: the line says what runs now. */
void	progress_note(struct progress *, size_t done, const char *what);
/* Erase the line before the page writes on a terminal stdout. */
void	progress_hide(struct progress *);
/* Erase the line for good; the summary line may follow. */
void	progress_end(struct progress *);

#endif

/*
 * progress.c: the progress line of a long run.  It is drawn with a
 * carriage return and erased with "\r\033[K" (erase to end of line), in
 * one write(2) each, so that it never mixes with the stdio buffers of
 * the report or the summary.  Redraws come from the pool's writer, at
 * most one every PROGRESS_MS, so the cost per page is one clock read.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "run/plan.h"
#include "run/progress.h"

#define PROGRESS_MS	250
#define ERASE		"\r\033[K"

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Whether to show it when neither option forces it. */
static int
progress_auto(const struct plan *pl, size_t total)
{
	const char	*ci;

	if (pl->quiet || total < PROGRESS_MIN || !isatty(STDERR_FILENO))
		return 0;
	ci = getenv("CI");
	return ci == NULL || strcmp(ci, "true") != 0;
}

void
progress_start(struct progress *pr, const struct plan *pl, size_t total)
{
	memset(pr, 0, sizeof(*pr));
	pr->total = total;
	pr->on = pl->progress == -1 ? progress_auto(pl, total) :
	    pl->progress;
	if (!pr->on)
		return;
	pr->tty_out = pl->output == NULL && isatty(STDOUT_FILENO);
	pr->start = now_ms();
}

int
progress_due(struct progress *pr)
{
	return pr->on && now_ms() >= pr->next;
}

static void
put(const char *s, size_t n)
{
	ssize_t	w;

	while (n > 0) {
		if ((w = write(STDERR_FILENO, s, n)) <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* m:ss, or h:mm:ss from an hour. */
static void
fmt_time(char *b, size_t sz, int64_t s)
{
	if (s >= 3600)
		snprintf(b, sz, "%lld:%02lld:%02lld", (long long)(s / 3600),
		    (long long)(s / 60 % 60), (long long)(s % 60));
	else
		snprintf(b, sz, "%lld:%02lld", (long long)(s / 60),
		    (long long)(s % 60));
}

void
progress_draw(struct progress *pr, size_t done)
{
	char	line[160], left[32];
	int64_t	t, ms;
	double	rate;
	int	n;

	if (!pr->on)
		return;
	t = now_ms();
	pr->next = t + PROGRESS_MS;
	ms = t - pr->start;
	/* Before 100 ms the rate says nothing yet. */
	rate = ms >= 100 ? (double)done * 1000.0 / (double)ms : 0;
	if (rate > 0)
		fmt_time(left, sizeof(left),
		    (int64_t)((double)(pr->total - done) / rate + 0.5));
	else
		snprintf(left, sizeof(left), "-:--");
	n = snprintf(line, sizeof(line), "\rcardlint: %zu/%zu pages, "
	    "%.0f pages/s, %s left\033[K", done, pr->total, rate, left);
	if (n > 0 && (size_t)n < sizeof(line)) {
		put(line, (size_t)n);
		pr->shown = 1;
	}
}

void
progress_note(struct progress *pr, size_t done, const char *what)
{
	char	line[160];
	int	n;

	if (!pr->on)
		return;
	n = snprintf(line, sizeof(line), "\rcardlint: %zu/%zu pages, %s"
	    "\033[K", done, pr->total, what);
	if (n > 0 && (size_t)n < sizeof(line)) {
		put(line, (size_t)n);
		pr->shown = 1;
	}
}

void
progress_hide(struct progress *pr)
{
	if (pr->shown && pr->tty_out) {
		put(ERASE, sizeof(ERASE) - 1);
		pr->shown = 0;
	}
}

void
progress_end(struct progress *pr)
{
	if (pr->shown)
		put(ERASE, sizeof(ERASE) - 1);
	pr->shown = 0;
	pr->on = 0;
}

/*
 * svg.c: the charts of the HTML report as inline SVG.
 *
 * The charts are elements of the report's libxml2 tree like the rest of
 * the page, so every label is escaped by the serializer and nothing is
 * loaded: the page's Content-Security-Policy stays as strict as it was.
 * Colours come from classes the page's style sheet sets (light, dark and
 * print); shapes and dashes tell flagged sources and the consensus apart
 * without colour.  Each chart is an image to assistive technology
 * (role="img", aria-label, <title>) with its values in a <desc>; the
 * report lists them as text beside it too.  Coordinates are printed
 * with one decimal, so the same run gives the same bytes.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/xalloc.h"
#include "findings/diag.h"
#include "report/html.h"
#include "report/svg.h"

#define BAR_W		520	/* bar chart width */
#define BAR_LABEL	180	/* its label column */
#define BAR_ROW		18
#define STRIP_W		680
#define STRIP_PAD	24
#define LABEL_ROW	14	/* a row of labels over a strip */
#define LABEL_ROWS	6
#define DOT_ROW		12	/* a row of dots on a strip */
#define DOT_ROWS	10
#define CHAR_W		6.6	/* an 11px sans-serif character, roughly */
#define MAX_LABELS	10	/* flagged sources labelled on a strip */
#define MAX_TICKS	12

static void	attrf(xmlNodePtr, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static void
attrf(xmlNodePtr n, const char *name, const char *fmt, ...)
{
	va_list	ap;
	char	buf[256];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	rep_prop(n, name, buf);
}

static xmlNodePtr
line(xmlNodePtr g, const char *cls, double x1, double y1, double x2,
    double y2)
{
	xmlNodePtr	l = rep_el(g, "line", cls);

	attrf(l, "x1", "%.1f", x1);
	attrf(l, "y1", "%.1f", y1);
	attrf(l, "x2", "%.1f", x2);
	attrf(l, "y2", "%.1f", y2);
	return l;
}

static xmlNodePtr
text_at(xmlNodePtr g, const char *cls, double x, double y,
    const char *anchor, const char *s)
{
	xmlNodePtr	t = rep_tel(g, "text", cls, s);

	attrf(t, "x", "%.1f", x);
	attrf(t, "y", "%.1f", y);
	if (anchor != NULL)
		rep_prop(t, "text-anchor", anchor);
	return t;
}

/* The <svg> element, named for assistive technology. */
static xmlNodePtr
svg_root(xmlNodePtr parent, const char *id, const char *title,
    const char *desc, int w, int h)
{
	xmlNodePtr	svg, t;
	char		did[96];

	svg = rep_el(parent, "svg", NULL);
	rep_prop(svg, "id", id);
	attrf(svg, "viewBox", "0 0 %d %d", w, h);
	attrf(svg, "width", "%d", w);
	attrf(svg, "height", "%d", h);
	rep_prop(svg, "role", "img");
	rep_prop(svg, "aria-label", title);
	snprintf(did, sizeof(did), "%s-desc", id);
	rep_prop(svg, "aria-describedby", did);
	rep_tel(svg, "title", NULL, title);
	t = rep_tel(svg, "desc", NULL, desc);
	rep_prop(t, "id", did);
	return svg;
}

/* At most max bytes of s, cut at a character, with an ellipsis. */
static char *
shorten(const char *s, size_t max)
{
	size_t	n = strlen(s);
	char	*r;

	if (n <= max)
		return xstrdup(s);
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	xasprintf(&r, "%.*s\xe2\x80\xa6", (int)max, s);
	return r;
}

static void
bar_seg(xmlNodePtr g, const char *cls, double *x, double y, double w)
{
	xmlNodePtr	r;

	if (w <= 0)
		return;
	r = rep_el(g, "rect", cls);
	attrf(r, "x", "%.1f", *x);
	attrf(r, "y", "%.1f", y);
	attrf(r, "width", "%.1f", w);
	rep_prop(r, "height", "12");
	*x += w;
}

/* "rule: 1 error, 2 warnings, 0 info" */
static char *
bar_text(const struct svg_bar *b)
{
	char	*s;

	xasprintf(&s, "%s: %zu error%s, %zu warning%s, %zu info", b->label,
	    b->err, b->err == 1 ? "" : "s", b->warn, b->warn == 1 ? "" : "s",
	    b->info);
	return s;
}

void
svg_bars(xmlNodePtr parent, const char *id, const char *title,
    const struct svg_bar *v, size_t n)
{
	struct buf	 desc = { 0 };
	xmlNodePtr	 svg, g;
	size_t		 i, rows = n > SVG_BARS ? SVG_BARS : n, max = 1, tot;
	double		 bw = BAR_W - BAR_LABEL - 60, x, y;
	char		*s, *lab;
	int		 h;

	for (i = 0; i < rows; i++)
		if ((tot = v[i].err + v[i].warn + v[i].info) > max)
			max = tot;
	for (i = 0; i < rows; i++) {
		s = bar_text(&v[i]);
		buf_printf(&desc, "%s%s", i > 0 ? "; " : "", s);
		free(s);
	}
	if (n > rows)
		buf_printf(&desc, "; and %zu more", n - rows);
	s = buf_take(&desc);
	h = 8 + BAR_ROW * (int)(rows + (n > rows)) + 4;
	svg = svg_root(parent, id, title, s, BAR_W, h);
	free(s);
	for (i = 0; i < rows; i++) {
		y = 8 + BAR_ROW * (double)i;
		g = rep_el(svg, "g", "bar");
		tot = v[i].err + v[i].warn + v[i].info;
		s = bar_text(&v[i]);
		rep_tel(g, "title", NULL, s);
		free(s);
		lab = shorten(v[i].label, 30);
		text_at(g, "lab", BAR_LABEL - 6, y + 10.5, "end", lab);
		free(lab);
		x = BAR_LABEL;
		bar_seg(g, "b-error", &x, y, bw * (double)v[i].err / max);
		bar_seg(g, "b-warning", &x, y, bw * (double)v[i].warn / max);
		bar_seg(g, "b-info", &x, y, bw * (double)v[i].info / max);
		xasprintf(&s, "%zu", tot);
		text_at(g, "num", x + 4, y + 10.5, NULL, s);
		free(s);
	}
	if (n > rows) {
		xasprintf(&s, "and %zu more", n - rows);
		text_at(svg, "lab", BAR_LABEL - 6,
		    8 + BAR_ROW * (double)rows + 10.5, "end", s);
		free(s);
	}
}

/* ---- strips ---- */

/* Values to pixels: linear, log10 or the two sides of a feature. */
struct scale {
	int	log;
	double	lo;
	double	hi;
};

static double
sc_pos(const struct scale *s, double x)
{
	double	t;

	if (s->log)
		x = log10(x);
	t = (x - s->lo) / (s->hi - s->lo);
	return STRIP_PAD + t * (STRIP_W - 2 * STRIP_PAD);
}

static void
sc_fit(struct scale *s, const struct svg_strip *st)
{
	double	mn = HUGE_VAL, mx = -HUGE_VAL, pad;
	size_t	i;

	for (i = 0; i < st->n; i++) {
		mn = fmin(mn, st->v[i].x);
		mx = fmax(mx, st->v[i].x);
	}
	if (st->consensus != NULL) {
		mn = fmin(mn, st->cx);
		mx = fmax(mx, st->cx);
	}
	memset(s, 0, sizeof(*s));
	if (st->axis == AXIS_YESNO) {
		s->lo = -1;
		s->hi = 2;
		return;
	}
	/* Prices span decades; counts only when they do. */
	s->log = mn > 0 && (st->axis == AXIS_LOG ||
	    (st->axis == AXIS_NUM && mx / mn >= 10));
	if (s->log) {
		s->lo = floor(log10(mn));
		s->hi = ceil(log10(mx));
		if (s->hi - s->lo < 1)
			s->hi = s->lo + 1;
		pad = (s->hi - s->lo) * 0.03;
	} else if (mx > mn) {
		s->lo = mn;
		s->hi = mx;
		pad = (mx - mn) * 0.08;
	} else {
		s->lo = s->hi = mn;
		pad = st->axis == AXIS_DAY ? 3 : fabs(mn) > 0 ? fabs(mn) * 0.1 :
		    1;
	}
	s->lo -= pad;
	s->hi += pad;
}

/* A tick's label: a date, or a number with K, M or B for thousands. */
static void
tick_label(char *b, size_t sz, enum axis ax, double x)
{
	struct tm	tm;
	time_t		t;

	if (ax == AXIS_DAY) {
		t = (time_t)floor(x + 0.5) * 86400;
		if (gmtime_r(&t, &tm) == NULL ||
		    strftime(b, sz, "%Y-%m-%d", &tm) == 0)
			snprintf(b, sz, "%g", x);
	} else if (fabs(x) >= 1e9)
		snprintf(b, sz, "%.3gB", x / 1e9);
	else if (fabs(x) >= 1e6)
		snprintf(b, sz, "%.3gM", x / 1e6);
	else if (fabs(x) >= 1e4)
		snprintf(b, sz, "%.3gK", x / 1e3);
	else
		snprintf(b, sz, "%.4g", x);
}

static void
tick(xmlNodePtr g, const struct scale *s, enum axis ax, double x, double y,
    const char *label)
{
	char	b[32];
	double	px = sc_pos(s, x);

	line(g, "tick", px, y, px, y + 4);
	if (label == NULL) {
		tick_label(b, sizeof(b), ax, x);
		label = b;
	}
	text_at(g, "tl", px, y + 15, "middle", label);
}

/* A step of 1, 2 or 5 times a power of ten near span/5 (days: >= 1). */
static double
nice_step(double span, enum axis ax)
{
	double	raw = span / 5, p = pow(10, floor(log10(raw))), m = raw / p;
	double	step = p * (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10);

	return ax == AXIS_DAY && step < 1 ? 1 : step;
}

static void
axis_draw(xmlNodePtr svg, const struct scale *s, enum axis ax, double y)
{
	xmlNodePtr	g = rep_el(svg, "g", "axis");
	double		e, x, step;
	int		k, nt = 0;

	line(g, "base", STRIP_PAD, y, STRIP_W - STRIP_PAD, y);
	if (ax == AXIS_YESNO) {
		tick(g, s, ax, 0, y, "marked \xe2\x80\x9cNot supported\xe2\x80\x9d");
		tick(g, s, ax, 1, y, "listed as supported");
		return;
	}
	if (s->log) {
		for (e = ceil(s->lo); e <= s->hi && nt < MAX_TICKS; e++)
			for (k = 1; k <= 5; k *= 5) {
				x = k * pow(10, e);
				/* 5s only where there is room. */
				if ((k == 5 && s->hi - s->lo > 3) ||
				    log10(x) > s->hi)
					continue;
				tick(g, s, ax, x, y, NULL);
				nt++;
			}
		return;
	}
	step = nice_step(s->hi - s->lo, ax);
	for (x = ceil(s->lo / step) * step; x <= s->hi && nt < MAX_TICKS;
	    x += step, nt++)
		tick(g, s, ax, x, y, NULL);
}

/* A label over the strip: its text, where it points, its row. */
struct slabel {
	char		*text;
	const char	*cls;
	double		 px;
	double		 x0;
	double		 x1;
	int		 row;
	double		 dot;	/* the dot's centre, or < 0: a line */
};

/* Rows for labels left to right, so that none overlaps another. */
static int
place_labels(struct slabel *l, size_t n)
{
	double	end[LABEL_ROWS];
	size_t	i;
	int	r, rows = 0;
	double	w;

	for (r = 0; r < LABEL_ROWS; r++)
		end[r] = -HUGE_VAL;
	for (i = 0; i < n; i++) {
		w = CHAR_W * (double)strlen(l[i].text) + 4;
		l[i].x0 = fmax(4, fmin(l[i].px - w / 2, STRIP_W - 4 - w));
		l[i].x1 = l[i].x0 + w;
		for (r = 0; r < LABEL_ROWS - 1 && end[r] > l[i].x0 - 8; r++)
			;
		l[i].row = r;
		end[r] = l[i].x1;
		if (r + 1 > rows)
			rows = r + 1;
	}
	return rows;
}

static int
label_cmp(const void *a, const void *b)
{
	const struct slabel	*x = a, *y = b;

	return x->px < y->px ? -1 : x->px > y->px;
}

static int
point_cmp(const void *a, const void *b)
{
	const struct svg_point	*x = a, *y = b;

	if (x->x != y->x)
		return x->x < y->x ? -1 : 1;
	if (x->flagged != y->flagged)
		return x->flagged - y->flagged;
	return strcmp(x->where, y->where);
}

/* Dots in rows, so that equal values stack instead of hiding. */
static int
place_dots(const struct scale *s, const struct svg_strip *st, int *row)
{
	double	end[DOT_ROWS], px;
	size_t	i;
	int	r, rows = 1;

	for (r = 0; r < DOT_ROWS; r++)
		end[r] = -HUGE_VAL;
	for (i = 0; i < st->n; i++) {
		px = sc_pos(s, st->v[i].x);
		for (r = 0; r < DOT_ROWS - 1 && end[r] > px - 11; r++)
			;
		row[i] = r;
		end[r] = px;
		if (r + 1 > rows)
			rows = r + 1;
	}
	return rows;
}

static char *
strip_desc(const struct svg_strip *st)
{
	struct buf	b = { 0 };
	size_t		i;

	for (i = 0; i < st->n && i < SVG_DESC_MAX; i++)
		buf_printf(&b, "%s%s %s%s", i > 0 ? "; " : "",
		    st->v[i].where, st->v[i].value,
		    st->v[i].flagged ? " (flagged)" : "");
	if (st->n > SVG_DESC_MAX)
		buf_printf(&b, "; and %zu more", st->n - SVG_DESC_MAX);
	if (st->consensus != NULL)
		buf_printf(&b, "; consensus %s", st->consensus);
	return buf_take(&b);
}

/* The consensus and up to MAX_LABELS flagged sources, labelled. */
static size_t
strip_labels(const struct scale *s, const struct svg_strip *st,
    struct slabel *l)
{
	const char	*base;
	size_t		 i, n = 0;

	if (st->consensus != NULL) {
		xasprintf(&l[n].text, "consensus %s", st->consensus);
		l[n].cls = "cl";
		l[n].px = sc_pos(s, st->cx);
		l[n++].dot = -1;
	}
	for (i = 0; i < st->n && n < MAX_LABELS + 1; i++) {
		if (!st->v[i].flagged)
			continue;
		/* The file's name without its folders: the list under
		   the chart gives the whole path. */
		base = strrchr(st->v[i].where, '/');
		xasprintf(&l[n].text, "%s %s", st->v[i].value,
		    base != NULL ? base + 1 : st->v[i].where);
		l[n].cls = "fl";
		l[n].px = sc_pos(s, st->v[i].x);
		l[n++].dot = (double)i;
	}
	qsort(l, n, sizeof(*l), label_cmp);
	return n;
}

static void
dots_draw(xmlNodePtr svg, const struct scale *s, const struct svg_strip *st,
    const int *row, double top)
{
	xmlNodePtr	c;
	char		*t;
	size_t		i;

	for (i = 0; i < st->n; i++) {
		c = rep_el(svg, "circle", st->v[i].flagged ? "pt flag" : "pt");
		attrf(c, "cx", "%.1f", sc_pos(s, st->v[i].x));
		attrf(c, "cy", "%.1f", top + 6 + DOT_ROW * (double)row[i]);
		rep_prop(c, "r", st->v[i].flagged ? "5.5" : "4");
		xasprintf(&t, "%s %s%s", st->v[i].where, st->v[i].value,
		    st->v[i].flagged ? " (flagged)" : "");
		rep_tel(c, "title", NULL, t);
		free(t);
	}
}

void
svg_strip(xmlNodePtr parent, const char *id, struct svg_strip *st)
{
	struct slabel	 l[MAX_LABELS + 1];
	struct scale	 s;
	xmlNodePtr	 svg, g;
	char		*desc;
	int		*row, nl, nd, h;
	double		 top, axy, ly, py;
	size_t		 i, n;

	qsort(st->v, st->n, sizeof(*st->v), point_cmp);
	sc_fit(&s, st);
	memset(l, 0, sizeof(l));
	n = strip_labels(&s, st, l);
	nl = place_labels(l, n);
	row = xcalloc(st->n + 1, sizeof(*row));
	nd = place_dots(&s, st, row);
	top = 6 + LABEL_ROW * (double)nl + 8;
	axy = top + DOT_ROW * (double)nd + 4;
	h = (int)axy + 22;
	desc = strip_desc(st);
	svg = svg_root(parent, id, st->title, desc, STRIP_W, h);
	free(desc);
	axis_draw(svg, &s, st->axis, axy);
	g = rep_el(svg, "g", "labels");
	for (i = 0; i < n; i++) {
		ly = 6 + LABEL_ROW * (double)l[i].row + 10;
		if (l[i].dot < 0)
			line(g, "cons", l[i].px, ly + 3, l[i].px, axy);
		else {
			py = top + 6 + DOT_ROW * (double)row[(size_t)l[i].dot];
			line(g, "lead", l[i].px, ly + 3, l[i].px, py - 5.5);
		}
		/* Anchored at the edge it was pushed against, so that a
		   wider font than CHAR_W guesses never cuts it there. */
		if (l[i].x0 <= 4)
			text_at(g, l[i].cls, 6, ly, NULL, l[i].text);
		else if (l[i].x1 >= STRIP_W - 4)
			text_at(g, l[i].cls, STRIP_W - 6, ly, "end",
			    l[i].text);
		else
			text_at(g, l[i].cls, (l[i].x0 + l[i].x1) / 2, ly,
			    "middle", l[i].text);
		free(l[i].text);
	}
	dots_draw(svg, &s, st, row, top);
	free(row);
}

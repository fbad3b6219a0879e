/*
 * svg.h: the charts of the HTML report, drawn as inline SVG elements of
 * the report's libxml2 tree (no script, no external asset).  Every
 * string is borrowed and must already be clean text (rep_xml_text());
 * the nodes belong to the parent's document.
 */
#ifndef CL_SVG_H
#define CL_SVG_H

#include <stddef.h>

#include <libxml/tree.h>

#include "findings/diag.h"

/* One bar: unsuppressed findings by severity. */
struct svg_bar {
	const char	*label;
	size_t		 err;
	size_t		 warn;
	size_t		 info;
};

/* Horizontal stacked bars, at most SVG_BARS of them (the rest counted
   in a last row); id names the chart for its title. */
#define SVG_BARS	25
void	svg_bars(xmlNodePtr parent, const char *id, const char *title,
	    const struct svg_bar *, size_t n);

/* One source's value in a vote. */
struct svg_point {
	const char	*file;		/* the caller's, not drawn */
	const char	*where;		/* file:line */
	const char	*value;		/* as the source writes it */
	double		 x;		/* on the axis */
	int		 flagged;	/* a finding is on it */
};

/* The sources of one vote on one axis, the consensus marked. */
struct svg_strip {
	const char		*title;
	enum axis		 axis;
	struct svg_point	*v;	/* sorted by x here */
	size_t			 n;
	const char		*consensus;	/* NULL: none */
	double			 cx;
};

/* Sorts the points; the <desc> lists the first SVG_DESC_MAX. */
#define SVG_DESC_MAX	40
void	svg_strip(xmlNodePtr parent, const char *id, struct svg_strip *);

#endif

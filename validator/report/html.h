/*
 * html.h: building the HTML report's libxml2 tree, for the page
 * (rep_html.c, where these live) and its charts (svg.c).  Text and
 * attribute values are copied into the tree as given and escaped by the
 * serializer; they must already be clean text (rep_xml_text()).
 */
#ifndef CL_HTML_H
#define CL_HTML_H

#include <libxml/tree.h>

/* A child element name of parent, with class cls unless NULL. */
xmlNodePtr	rep_el(xmlNodePtr parent, const char *name, const char *cls);
/* The same holding text. */
xmlNodePtr	rep_tel(xmlNodePtr parent, const char *name, const char *cls,
		    const char *text);
/* Attribute name="value" on n. */
void		rep_prop(xmlNodePtr n, const char *name, const char *value);

#endif

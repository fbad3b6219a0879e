/*
 * htmlparse.c: the two libxml2 interfaces for reading HTML, timed on the
 * same files (run by bench/run.sh).
 *
 *   htmlparse FILE...   or   htmlparse - < list of file names
 *
 * Every file is read into memory first.  Then, ROUNDS times, each of
 * three ways parses every file with the options cardlint uses:
 *
 *   tree   htmlCtxtReadMemory(), a walk over every node that touches
 *          each text node's bytes and line (what load.c does), then
 *          xmlFreeDoc(): cardlint's way.
 *   parse  the same without the walk (xmllint --html --noout).
 *   sax    a SAX parser whose handlers only count elements and text
 *          bytes: no tree is built.  This is the floor of any SAX or
 *          reader design: it still has to keep line numbers, block
 *          structure and the text of each node, which it does not here.
 *
 * Prints one line per way: "way seconds nodes textbytes" (the best of
 * the rounds).  libxml2 2.9 has no HTML text reader (xmlTextReader reads
 * XML only), so SAX is the other interface there is.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#define ROUNDS	3

struct file {
	char	*p;
	size_t	 n;
};

struct count {
	unsigned long	nodes;
	unsigned long	text;
};

static const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET |
    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT |
    HTML_PARSE_NOIMPLIED | XML_PARSE_HUGE;

static double
now(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void
squiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static int
read_file(const char *path, struct file *f)
{
	FILE	*fp = fopen(path, "rb");
	size_t	 cap = 65536, r;

	if (fp == NULL)
		return -1;
	f->p = malloc(cap);
	f->n = 0;
	while (f->p != NULL && (r = fread(f->p + f->n, 1, cap - f->n, fp)) > 0) {
		f->n += r;
		if (f->n == cap)
			f->p = realloc(f->p, cap *= 2);
	}
	fclose(fp);
	return f->p == NULL ? -1 : 0;
}

/* Every node, depth first without recursion, as load.c walks. */
static void
walk(xmlNodePtr n, struct count *c)
{
	xmlNodePtr	root = n;

	while (n != NULL) {
		c->nodes++;
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			c->text += strlen((const char *)n->content) +
			    (unsigned long)(xmlGetLineNo(n) > 0);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		n = n == root ? NULL : n->next;
	}
}

static void
by_tree(const struct file *v, size_t nf, int do_walk, struct count *c)
{
	htmlParserCtxtPtr	ctxt = htmlNewParserCtxt();
	xmlDocPtr		doc;
	size_t			i;

	for (i = 0; i < nf; i++) {
		doc = htmlCtxtReadMemory(ctxt, v[i].p, (int)v[i].n, "x.html",
		    NULL, opts);
		if (doc == NULL)
			continue;
		if (do_walk && xmlDocGetRootElement(doc) != NULL)
			walk(xmlDocGetRootElement(doc), c);
		xmlFreeDoc(doc);
	}
	htmlFreeParserCtxt(ctxt);
}

static void
sax_start(void *u, const xmlChar *name, const xmlChar **attrs)
{
	(void)name;
	(void)attrs;
	((struct count *)u)->nodes++;
}

static void
sax_chars(void *u, const xmlChar *ch, int len)
{
	(void)ch;
	((struct count *)u)->text += (unsigned long)len;
}

static void
by_sax(const struct file *v, size_t nf, struct count *c)
{
	htmlSAXHandler		sax;
	htmlParserCtxtPtr	ctxt;
	size_t			i;

	memset(&sax, 0, sizeof(sax));
	sax.startElement = sax_start;
	sax.characters = sax_chars;
	sax.cdataBlock = sax_chars;
	sax.initialized = 1;
	for (i = 0; i < nf; i++) {
		ctxt = htmlCreateMemoryParserCtxt(v[i].p, (int)v[i].n);
		if (ctxt == NULL)
			continue;
		if (ctxt->sax != NULL)
			xmlFree(ctxt->sax);
		ctxt->sax = malloc(sizeof(sax));
		memcpy(ctxt->sax, &sax, sizeof(sax));
		ctxt->userData = c;
		htmlCtxtUseOptions(ctxt, opts);
		htmlParseDocument(ctxt);
		if (ctxt->myDoc != NULL)
			xmlFreeDoc(ctxt->myDoc);
		htmlFreeParserCtxt(ctxt);
	}
}

int
main(int argc, char *argv[])
{
	static const char *const ways[] = { "tree", "parse", "sax" };
	struct file	*v = NULL;
	struct count	 c[3];
	double		 best[3], t;
	size_t		 nf = 0, cap = 0, i;
	char		 line[4096];
	int		 w, r, from_stdin = argc == 2 && strcmp(argv[1], "-") == 0;

	xmlSetGenericErrorFunc(NULL, quiet);
	xmlSetStructuredErrorFunc(NULL, squiet);
	for (i = 1;; i++) {
		const char	*path;

		if (from_stdin) {
			if (fgets(line, sizeof(line), stdin) == NULL)
				break;
			line[strcspn(line, "\n")] = '\0';
			path = line;
		} else if (i < (size_t)argc)
			path = argv[i];
		else
			break;
		if (nf == cap) {
			cap = cap ? cap * 2 : 1024;
			if ((v = realloc(v, cap * sizeof(*v))) == NULL)
				return 2;
		}
		if (read_file(path, &v[nf]) == 0)
			nf++;
	}
	for (w = 0; w < 3; w++)
		best[w] = -1;
	for (r = 0; r < ROUNDS; r++)
		for (w = 0; w < 3; w++) {
			memset(&c[w], 0, sizeof(c[w]));
			t = now();
			if (w == 2)
				by_sax(v, nf, &c[w]);
			else
				by_tree(v, nf, w == 0, &c[w]);
			t = now() - t;
			if (best[w] < 0 || t < best[w])
				best[w] = t;
		}
	for (w = 0; w < 3; w++)
		printf("%s %.3f %lu %lu\n", ways[w], best[w], c[w].nodes,
		    c[w].text);
	for (i = 0; i < nf; i++)
		free(v[i].p);
	free(v);
	return 0;
}

/*
 * rep_html.c: the html writer, one self-contained page for a person.
 *
 * The page needs the whole run (summary tables come first, and every
 * finding is shown twice: by rule and by page), so page() keeps a clean
 * deep copy of what it needs and close() builds and writes the document.
 * Every string is passed through rep_xml_text() when it is copied, and
 * the document is a libxml2 HTML tree: text and attribute values are
 * escaped by libxml2's serializer, never by hand, so a scraped <script>
 * is shown as text.  The only raw content is the CSS and JS below, which
 * libxml2 writes verbatim inside <style> and <script>; they are constants
 * and must not contain an end tag.  A Content-Security-Policy forbids
 * every external load in case something slips through anyway.
 *
 * Suppressed findings (acknowledged in a baseline) are kept in the groups,
 * greyed and labelled, so the page lists every fingerprint the JSON lists;
 * the counts by severity, rule and site leave them out (as the text
 * summary and the exit code do) and count them in a column of their own.
 *
 * Nothing depends on the clock or on pointer values: the same run gives
 * the same bytes.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "knowledge/catalog.h"
#include "findings/diag.h"
#include "report/html.h"
#include "report/report.h"
#include "report/svg.h"
#include "base/xalloc.h"

/* Snippet bytes kept either side of the highlighted value, or in all. */
#define SNIP_SIDE	240
#define SNIP_MAX	600
#define NO_SITE		"(none)"

/* The severities a finding can have, worst first. */
static const enum sev shown_sev[] = { SEV_ERROR, SEV_WARNING, SEV_INFO };
#define NSHOWN		(sizeof(shown_sev) / sizeof(shown_sev[0]))

struct hrel {
	char		*file;
	unsigned	 line;
	char		*value;
	double		 x;
};

struct hfind {
	char		*rule;
	char		*field;		/* NULL when none */
	char		*value;		/* NULL when none */
	char		*message;
	char		*snippet;	/* NULL when none */
	enum sev	 sev;
	unsigned	 line;
	unsigned	 column;
	struct hrel	*rel;
	size_t		 nrel;
	size_t		 relmore;
	char		 fp[17];
	int		 suppressed;
	size_t		 page;
	/* A corpus finding's vote (see struct finding). */
	char		*group;		/* NULL: none */
	enum axis	 axis;
	double		 x;
	char		*consensus;
	double		 cx;
	size_t		 nsrc;
	size_t		 chart;		/* 1-based; 0: none */
};

/* The findings of one vote, drawn as one strip chart. */
struct hchart {
	size_t		*idx;		/* into html_rep.f */
	size_t		 n;
};

struct hpage {
	char		*file;
	char		*site;		/* NO_SITE when the run had none */
	size_t		 first;		/* its findings in html_rep.f */
	size_t		 n;
};

/* Per rule or per site: counts of unsuppressed findings. */
struct hcount {
	const char		*key;
	const struct rule	*rule;	/* NULL for a site or unknown rule */
	size_t			 order;
	size_t			 sev[4];
	size_t			 sup;
	size_t			 pages;
	enum sev		 worst;
};

struct byname {
	const char	*file;
	size_t		 page;
};

struct html_rep {
	FILE			*fp;
	const struct catalog	*cat;
	char			*version;
	char			*now;
	struct hpage		*pages;
	size_t			 npages;
	size_t			 pagecap;
	struct hfind		*f;
	size_t			 nf;
	size_t			 fcap;
	struct byname		*byname;	/* pages by file name */
	struct hcount		*rules;
	size_t			 nrules;
	struct hcount		*sites;
	size_t			 nsites;
	struct hchart		*charts;
	size_t			 ncharts;
	size_t			 nvotes;	/* charted or not */
};

/*
 * The style and the filter script.  No "</" anywhere: libxml2 writes
 * them raw, so an end tag would end the element early.
 */
static const char html_css[] =
"body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
"margin:0;color:#1f2328;background:#f6f7f9}"
"header,main{max-width:1180px;margin:0 auto;padding:0 20px}"
"header{padding-top:18px}"
"h1{font-size:22px;margin:0 0 2px}"
"h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid #d0d7de;"
"padding-bottom:4px}"
"h3{font-size:15px;margin:0 0 6px;font-weight:600;word-break:break-all}"
"a{color:#0b5cad}"
"code,pre{font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,"
"monospace}"
".meta{color:#57606a;margin:0}"
"nav{margin:8px 0 0}nav a{margin-right:14px}"
".cards{display:flex;gap:10px;flex-wrap:wrap;margin:14px 0}"
".card{background:#fff;border:1px solid #d0d7de;border-radius:6px;"
"padding:8px 14px;min-width:96px}"
".card b{display:block;font-size:22px}"
".tables{display:flex;gap:18px;flex-wrap:wrap;align-items:flex-start}"
"table{border-collapse:collapse;background:#fff;border:1px solid #d0d7de}"
"caption{text-align:left;font-weight:600;padding:0 0 4px}"
"th,td{padding:3px 10px;border-bottom:1px solid #eaeef2;text-align:left;"
"vertical-align:top}"
"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
"td.z{color:#8c959f}"
"th{background:#f0f2f4;font-weight:600}"
"#filter{position:sticky;top:0;z-index:1;background:#f6f7f9;"
"padding:10px 0;border-bottom:1px solid #d0d7de;display:flex;"
"gap:12px;flex-wrap:wrap;align-items:center}"
"#filter label{font-weight:600}"
"#filter select,#filter input{font:inherit;margin-left:4px}"
"#f-count{color:#57606a;margin-left:auto}"
".group{background:#fff;border:1px solid #d0d7de;border-radius:6px;"
"padding:10px 14px;margin:0 0 12px}"
".sum{color:#57606a;margin:0 0 6px}"
".site,.count,.field{color:#57606a;font-weight:400;font-size:13px;"
"margin-left:8px}"
"ol.findings{list-style:none;margin:0;padding:0}"
".finding{border-left:4px solid #8c959f;padding:6px 10px;margin:6px 0;"
"background:#fbfbfc}"
".finding.s-error{border-color:#cf222e}"
".finding.s-warning{border-color:#bf8700}"
".finding.s-info{border-color:#0969da}"
".finding.sup{opacity:.55}"
".finding p{margin:2px 0}"
".sev{display:inline-block;min-width:58px;font-weight:700;"
"text-transform:uppercase;font-size:11px;letter-spacing:.04em}"
".s-error .sev,.sev.s-error{color:#cf222e}"
".s-warning .sev,.sev.s-warning{color:#9a6700}"
".s-info .sev,.sev.s-info{color:#0969da}"
".tag{font-size:11px;border:1px solid #8c959f;border-radius:8px;"
"padding:0 6px;margin-left:6px}"
".loc{margin:0 8px}"
"pre.snip{white-space:pre-wrap;word-break:break-word;background:#f0f2f4;"
"padding:4px 8px;margin:4px 0;border-radius:4px}"
"mark{background:#ffe08a;color:inherit;padding:0 1px;border-radius:2px}"
".rel{font-size:13px}"
"details.clean{background:#fff;border:1px solid #d0d7de;"
"border-radius:6px;padding:8px 14px}"
"details.clean summary{cursor:pointer;font-weight:600}"
"ul.clean{columns:2 420px;font-size:13px;margin:6px 0 0;padding-left:18px}"
"footer{color:#57606a;font-size:12px;margin:24px 0}"
/* Charts: shapes and dashes carry the meaning, colours help. */
".chart{background:#fff;border:1px solid #d0d7de;border-radius:6px;"
"padding:8px 12px;margin:0 0 12px;break-inside:avoid}"
".chart figcaption{font-weight:600;margin:0 0 4px}"
".chart figcaption .grp{word-break:break-all}"
".chart svg{display:block;max-width:100%;height:auto}"
".chart text{font:11px system-ui,-apple-system,'Segoe UI',Roboto,"
"sans-serif;fill:#1f2328}"
".chart .b-error{fill:#cf222e}.chart .b-warning{fill:#bf8700}"
".chart .b-info{fill:#0969da}"
".chart .num,.chart .tl{fill:#57606a}"
".chart .base,.chart .tick{stroke:#57606a;stroke-width:1}"
".chart .pt{fill:#8c959f;stroke:#fff;stroke-width:1}"
".chart .pt.flag{fill:#cf222e;stroke:#1f2328;stroke-width:1.5}"
".chart .lead{stroke:#cf222e;stroke-width:1}"
".chart .cons{stroke:#1a7f37;stroke-width:1.5;stroke-dasharray:5 3}"
".chart .fl{fill:#a40e26;font-weight:600}.chart .cl{fill:#1a7f37}"
"ul.vals{columns:2 300px;font-size:12.5px;margin:6px 0 0;"
"padding-left:18px}"
"ul.vals li.flag{color:#a40e26}ul.vals li.cons{color:#1a7f37}"
".charts-top{margin:0 0 14px}.charts-top .chart{margin:0}"
".legend{margin:2px 0 0;font-size:12px;color:#57606a}"
".legend span::before{content:'';display:inline-block;width:10px;"
"height:10px;margin:0 4px 0 12px;vertical-align:-1px}"
".legend .error::before{background:#cf222e}"
".legend .warning::before{background:#bf8700}"
".legend .info::before{background:#0969da}"
".chartlink{font-size:12px;margin-left:8px}"
":root{color-scheme:light dark}"
"@media (prefers-color-scheme:dark){"
"body{color:#e6edf3;background:#0d1117}"
"a{color:#6cb6ff}"
".meta,.sum,.site,.count,.field,#f-count,footer,.legend{color:#9198a1}"
".card,table,.group,details.clean,.chart{background:#161b22;"
"border-color:#30363d}"
"th{background:#21262d}th,td{border-color:#30363d}"
"h2{border-color:#30363d}"
"#filter{background:#0d1117;border-color:#30363d}"
".finding{background:#0d1117}"
"pre.snip{background:#21262d}"
"mark{background:#6e5a1e}"
".chart text{fill:#e6edf3}"
".chart .num,.chart .tl{fill:#9198a1}"
".chart .base,.chart .tick{stroke:#9198a1}"
".chart .pt{fill:#8b949e;stroke:#161b22}"
".chart .pt.flag{fill:#ff7b72;stroke:#e6edf3}"
".chart .lead{stroke:#ff7b72}"
".chart .cons{stroke:#3fb950}"
".chart .fl,ul.vals li.flag{fill:#ffa198;color:#ffa198}"
".chart .cl,ul.vals li.cons{fill:#3fb950;color:#3fb950}}"
"@media print{"
"body{background:#fff;color:#000}"
"nav,#filter,.chartlink{display:none!important}"
".chart,.group,.card,table,.finding,th,pre.snip{background:#fff;"
"border-color:#999;-webkit-print-color-adjust:exact;"
"print-color-adjust:exact}"
"a,.meta,.sum{color:#000}"
".chart text,.chart .tl,.chart .num{fill:#000}"
".chart .pt{fill:#999;stroke:#fff}"
".chart .pt.flag{fill:#cf222e;stroke:#000}"
".chart .base,.chart .tick{stroke:#000}"
"details.clean{display:none}}"
"[hidden]{display:none!important}";

/* First in <body>: any later error is reported on the body element. */
static const char html_js_error[] =
"window.onerror=function(msg){"
"document.body.setAttribute('data-error',String(msg));};";

static const char html_js[] =
"(function(){\n"
"'use strict';\n"
"var d=document,by=function(id){return d.getElementById(id);};\n"
"var form=by('filter'),sev=by('f-sev'),rule=by('f-rule'),"
"site=by('f-site'),text=by('f-text'),sup=by('f-sup'),"
"count=by('f-count'),clean=by('clean');\n"
"var items=d.querySelectorAll('.finding'),"
"groups=d.querySelectorAll('.group'),"
"counted=d.querySelectorAll('#by-rule .finding');\n"
"function want(it,f){\n"
" var s=it.dataset;\n"
" if(f.sev&&s.severity!==f.sev)return false;\n"
" if(f.rule&&s.rule!==f.rule)return false;\n"
" if(f.site&&s.site!==f.site)return false;\n"
" if(!f.sup&&s.suppressed)return false;\n"
" if(f.q&&it.textContent.toLowerCase().indexOf(f.q)<0)return false;\n"
" return true;\n"
"}\n"
"function apply(){\n"
" var f={sev:sev.value,rule:rule.value,site:site.value,"
"q:text.value.trim().toLowerCase(),sup:sup.checked},i,n=0;\n"
" for(i=0;i<items.length;i++)items[i].hidden=!want(items[i],f);\n"
" for(i=0;i<counted.length;i++)if(!counted[i].hidden)n++;\n"
" for(i=0;i<groups.length;i++)groups[i].hidden="
"groups[i].querySelector('.finding:not([hidden])')===null;\n"
" if(clean)clean.hidden=!!(f.sev||f.rule||f.site||f.q);\n"
" count.textContent=n+' of '+counted.length+' findings shown';\n"
"}\n"
/* #sev=error&rule=...&site=...&q=...&sup=0 presets the filter. */
"function preset(){\n"
" var h=location.hash.slice(1),parts,i,kv,k,v;\n"
" var el={sev:sev,rule:rule,site:site,q:text};\n"
" if(h.indexOf('=')<0)return;\n"
" parts=h.split('&');\n"
" for(i=0;i<parts.length;i++){\n"
"  kv=parts[i].split('=');\n"
"  try{k=decodeURIComponent(kv[0]);"
"v=decodeURIComponent(kv.slice(1).join('='));}\n"
"  catch(e){continue;}\n"
"  if(k==='sup')sup.checked=v!=='0';\n"
"  else if(Object.prototype.hasOwnProperty.call(el,k))el[k].value=v;\n"
" }\n"
"}\n"
/* A link into the collapsed list of clean pages opens it. */
"function reveal(){\n"
" var h=location.hash.slice(1),t=null;\n"
" if(!h||h.indexOf('=')>=0||!clean)return;\n"
" try{t=d.getElementById(decodeURIComponent(h));}catch(e){return;}\n"
" if(t&&clean.contains(t))clean.open=true;\n"
"}\n"
"function reset(){\n"
" sev.value=rule.value=site.value=text.value='';sup.checked=true;"
"apply();\n"
"}\n"
"sev.addEventListener('change',apply);\n"
"rule.addEventListener('change',apply);\n"
"site.addEventListener('change',apply);\n"
"sup.addEventListener('change',apply);\n"
"text.addEventListener('input',apply);\n"
"by('f-reset').addEventListener('click',reset);\n"
"window.addEventListener('hashchange',reveal);\n"
"form.hidden=false;\n"
"preset();\n"
"apply();\n"
"reveal();\n"
"d.body.setAttribute('data-ready','1');\n"
"})();\n";

static const char html_csp[] = "default-src 'none'; "
    "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/* ---- the copy ---- */

static char *
clean_or_null(const char *s)
{
	return s != NULL ? rep_xml_text(s) : NULL;
}

static void *
html_open(FILE *fp, const struct rep_opts *o)
{
	struct html_rep	*h = xcalloc(1, sizeof(*h));

	h->fp = fp;
	h->cat = o->cat;
	h->version = rep_xml_text(o->version);
	h->now = rep_xml_text(o->now);
	return h;
}

static void
copy_finding(struct hfind *c, const struct finding *f, size_t page)
{
	size_t	i;

	memset(c, 0, sizeof(*c));
	c->rule = rep_xml_text(f->rule);
	c->field = clean_or_null(f->field);
	c->value = clean_or_null(f->value);
	c->message = rep_xml_text(f->message);
	c->snippet = clean_or_null(f->snippet);
	c->sev = f->sev > SEV_NONE && f->sev < SEV_NEVER ? f->sev : SEV_INFO;
	c->line = f->line;
	c->column = f->column;
	c->suppressed = f->suppressed;
	c->page = page;
	memcpy(c->fp, f->fingerprint, sizeof(c->fp));
	c->fp[sizeof(c->fp) - 1] = '\0';
	c->relmore = f->relmore;
	if (f->group != NULL) {
		c->group = rep_xml_text(f->group);
		c->axis = f->axis;
		c->x = f->x;
		c->consensus = clean_or_null(f->consensus);
		c->cx = f->cx;
		c->nsrc = f->nsrc;
	}
	if (f->nrel == 0)
		return;
	c->rel = xreallocarray(NULL, f->nrel, sizeof(*c->rel));
	c->nrel = f->nrel;
	for (i = 0; i < f->nrel; i++) {
		c->rel[i].file = rep_xml_text(f->rel[i].file);
		c->rel[i].line = f->rel[i].line;
		c->rel[i].value = clean_or_null(f->rel[i].value);
		c->rel[i].x = f->rel[i].x;
	}
}

static void
html_page(void *arg, const char *file, const char *site,
    const struct finding *v, size_t n)
{
	struct html_rep	*h = arg;
	struct hpage	*p;
	size_t		 i;

	xgrow(&h->pages, &h->pagecap, h->npages + 1, sizeof(*h->pages));
	p = &h->pages[h->npages];
	p->file = rep_xml_text(file);
	p->site = rep_xml_text(site != NULL ? site : NO_SITE);
	p->first = h->nf;
	p->n = n;
	xgrow(&h->f, &h->fcap, h->nf + n, sizeof(*h->f));
	for (i = 0; i < n; i++)
		copy_finding(&h->f[h->nf + i], &v[i], h->npages);
	h->nf += n;
	h->npages++;
}

static void
free_copy(struct html_rep *h)
{
	size_t	i, k;

	for (i = 0; i < h->nf; i++) {
		free(h->f[i].rule);
		free(h->f[i].field);
		free(h->f[i].value);
		free(h->f[i].message);
		free(h->f[i].snippet);
		free(h->f[i].group);
		free(h->f[i].consensus);
		for (k = 0; k < h->f[i].nrel; k++) {
			free(h->f[i].rel[k].file);
			free(h->f[i].rel[k].value);
		}
		free(h->f[i].rel);
	}
	for (i = 0; i < h->npages; i++) {
		free(h->pages[i].file);
		free(h->pages[i].site);
	}
	for (i = 0; i < h->ncharts; i++)
		free(h->charts[i].idx);
	free(h->charts);
	free(h->f);
	free(h->pages);
	free(h->byname);
	free(h->rules);
	free(h->sites);
	free(h->version);
	free(h->now);
	free(h);
}

/* ---- counting ---- */

static struct hcount *
count_find(struct hcount **v, size_t *n, const char *key)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].key, key) == 0)
			return &(*v)[i];
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	memset(&(*v)[*n], 0, sizeof(**v));
	(*v)[*n].key = key;
	(*v)[*n].order = *n;
	return &(*v)[(*n)++];
}

static void
count_add(struct hcount *c, const struct hfind *f)
{
	if (f->suppressed) {
		c->sup++;
		return;
	}
	c->sev[f->sev]++;
	if (f->sev > c->worst)
		c->worst = f->sev;
}

static size_t
count_total(const struct hcount *c)
{
	return c->sev[SEV_ERROR] + c->sev[SEV_WARNING] + c->sev[SEV_INFO];
}

/* Rules with findings: worst severity first, then catalogue order. */
static int
rule_cmp(const void *a, const void *b)
{
	const struct hcount	*x = a, *y = b;

	if (x->worst != y->worst)
		return x->worst > y->worst ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* Sites by name, the pages without one last. */
static int
site_cmp(const void *a, const void *b)
{
	const struct hcount	*x = a, *y = b;
	int			 nx = strcmp(x->key, NO_SITE) == 0;
	int			 ny = strcmp(y->key, NO_SITE) == 0;

	if (nx != ny)
		return nx - ny;
	return strcmp(x->key, y->key);
}

static size_t
rule_order(const struct catalog *cat, const char *id)
{
	size_t	i;

	for (i = 0; cat != NULL && i < cat->n; i++)
		if (strcmp(cat->v[i].id, id) == 0)
			return i;
	return SIZE_MAX;
}

static void
count_rules(struct html_rep *h)
{
	struct hcount	*c;
	size_t		 i;

	for (i = 0; i < h->nf; i++) {
		c = count_find(&h->rules, &h->nrules, h->f[i].rule);
		if (count_total(c) + c->sup == 0) {
			c->order = rule_order(h->cat, c->key);
			c->rule = c->order != SIZE_MAX ? &h->cat->v[c->order] :
			    NULL;
		}
		count_add(c, &h->f[i]);
	}
	if (h->nrules > 1)
		qsort(h->rules, h->nrules, sizeof(*h->rules), rule_cmp);
}

static void
count_sites(struct html_rep *h)
{
	struct hcount	*c;
	size_t		 i, k;

	for (i = 0; i < h->npages; i++) {
		c = count_find(&h->sites, &h->nsites, h->pages[i].site);
		c->pages++;
		for (k = 0; k < h->pages[i].n; k++)
			count_add(c, &h->f[h->pages[i].first + k]);
	}
	if (h->nsites > 1)
		qsort(h->sites, h->nsites, sizeof(*h->sites), site_cmp);
}

/* ---- charts ---- */

/* At most this many strip charts; a note counts the rest. */
#define MAX_CHARTS	1000

struct cfind {
	const struct hfind	*f;
	size_t			 i;
	size_t			 rank;		/* of its rule in h->rules */
};

static int
cfind_cmp(const void *a, const void *b)
{
	const struct cfind	*x = a, *y = b;
	int			 c;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if ((c = strcmp(x->f->rule, y->f->rule)) != 0 ||
	    (c = strcmp(x->f->group, y->f->group)) != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The findings of each vote together: rule order, then what was voted. */
static void
group_charts(struct html_rep *h)
{
	struct cfind	*c;
	struct hchart	*ch;
	size_t		 i, j, k, n = 0;

	c = xreallocarray(NULL, h->nf + 1, sizeof(*c));
	for (i = 0; i < h->nf; i++) {
		if (h->f[i].group == NULL)
			continue;
		c[n].f = &h->f[i];
		c[n].i = i;
		for (k = 0; k < h->nrules &&
		    strcmp(h->rules[k].key, h->f[i].rule) != 0; k++)
			;
		c[n++].rank = k;
	}
	if (n > 1)
		qsort(c, n, sizeof(*c), cfind_cmp);
	for (i = 0; i < n; i = k) {
		for (k = i + 1; k < n && strcmp(c[k].f->rule,
		    c[i].f->rule) == 0 && strcmp(c[k].f->group,
		    c[i].f->group) == 0; k++)
			;
		h->nvotes++;
		if (h->ncharts == MAX_CHARTS)
			continue;
		h->charts = xreallocarray(h->charts, h->ncharts + 1,
		    sizeof(*h->charts));
		ch = &h->charts[h->ncharts++];
		ch->n = k - i;
		ch->idx = xreallocarray(NULL, ch->n, sizeof(*ch->idx));
		for (j = i; j < k; j++) {
			ch->idx[j - i] = c[j].i;
			h->f[c[j].i].chart = h->ncharts;
		}
	}
	free(c);
}

/* ---- related pages ---- */

static int
byname_cmp(const void *a, const void *b)
{
	const struct byname	*x = a, *y = b;
	int			 c = strcmp(x->file, y->file);

	if (c != 0)
		return c;
	return x->page < y->page ? -1 : x->page > y->page;
}

static void
index_pages(struct html_rep *h)
{
	size_t	i;

	h->byname = xreallocarray(NULL, h->npages + 1, sizeof(*h->byname));
	for (i = 0; i < h->npages; i++) {
		h->byname[i].file = h->pages[i].file;
		h->byname[i].page = i;
	}
	if (h->npages > 1)
		qsort(h->byname, h->npages, sizeof(*h->byname), byname_cmp);
}

/* The page of the run named file, or -1: a related page may be outside. */
static long
page_of(const struct html_rep *h, const char *file)
{
	size_t	lo = 0, hi = h->npages, mid;
	int	c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(h->byname[mid].file, file);
		if (c == 0)
			return (long)h->byname[mid].page;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* ---- building the tree ---- */

/*
 * The tree helpers of html.h, for the page and its charts (svg.c): an
 * element with an optional class, one holding text (xmlNewTextChild
 * takes it literally, the serializer escapes it), an attribute.
 */
xmlNodePtr
rep_el(xmlNodePtr parent, const char *name, const char *cls)
{
	xmlNodePtr	n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);

	if (cls != NULL)
		xmlNewProp(n, BAD_CAST "class", BAD_CAST cls);
	return n;
}

xmlNodePtr
rep_tel(xmlNodePtr parent, const char *name, const char *cls,
    const char *text)
{
	xmlNodePtr	n = xmlNewTextChild(parent, NULL, BAD_CAST name,
			    BAD_CAST text);

	if (cls != NULL)
		xmlNewProp(n, BAD_CAST "class", BAD_CAST cls);
	return n;
}

void
rep_prop(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, BAD_CAST name, BAD_CAST value);
}

static void
txt(xmlNodePtr parent, const char *text)
{
	xmlAddChild(parent, xmlNewDocText(parent->doc, BAD_CAST text));
}

static void
txtn(xmlNodePtr parent, const char *text, size_t len)
{
	if (len > 0)
		xmlAddChild(parent, xmlNewDocTextLen(parent->doc,
		    BAD_CAST text, (int)len));
}

static void	txtf(xmlNodePtr, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	propf(xmlNodePtr, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static char *
vfmt(const char *fmt, va_list ap)
{
	va_list	 aq;
	char	*s;
	int	 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	s = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	if (n < 0)
		*s = '\0';
	else
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static void
txtf(xmlNodePtr parent, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = vfmt(fmt, ap);
	va_end(ap);
	txt(parent, s);
	free(s);
}

static void
propf(xmlNodePtr n, const char *name, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = vfmt(fmt, ap);
	va_end(ap);
	rep_prop(n, name, s);
	free(s);
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* A number cell; zeros are greyed so the non-zero counts stand out. */
static void
num_cell(xmlNodePtr tr, size_t n)
{
	xmlNodePtr	td = rep_el(tr, "td", n == 0 ? "n z" : "n");

	txtf(td, "%zu", n);
}

/* Column names; a leading '#' marks a right-aligned number column. */
static void
head_row(xmlNodePtr table, const char *const *cols)
{
	xmlNodePtr	tr = rep_el(rep_el(table, "thead", NULL), "tr", NULL);

	for (; *cols != NULL; cols++)
		rep_tel(tr, "th", **cols == '#' ? "n" : NULL, *cols +
		    (**cols == '#'));
}

/* A table with its id, caption and header row; returns its body. */
static xmlNodePtr
table_body(xmlNodePtr parent, const char *id, const char *caption,
    const char *const *cols)
{
	xmlNodePtr	table = rep_el(parent, "table", NULL);

	rep_prop(table, "id", id);
	rep_tel(table, "caption", NULL, caption);
	head_row(table, cols);
	return rep_el(table, "tbody", NULL);
}

/* The findings of a rule or a site by severity, then the suppressed. */
static void
sev_cells(xmlNodePtr tr, const struct hcount *c)
{
	num_cell(tr, c->sev[SEV_ERROR]);
	num_cell(tr, c->sev[SEV_WARNING]);
	num_cell(tr, c->sev[SEV_INFO]);
	num_cell(tr, c->sup);
}

static void
build_head(xmlNodePtr html)
{
	xmlNodePtr	head, m;

	head = rep_el(html, "head", NULL);
	m = rep_el(head, "meta", NULL);
	rep_prop(m, "charset", "utf-8");
	m = rep_el(head, "meta", NULL);
	rep_prop(m, "http-equiv", "Content-Security-Policy");
	rep_prop(m, "content", html_csp);
	m = rep_el(head, "meta", NULL);
	rep_prop(m, "name", "viewport");
	rep_prop(m, "content", "width=device-width, initial-scale=1");
	rep_tel(head, "title", NULL, "cardlint report");
	rep_tel(head, "style", NULL, html_css);
}

static void
build_header(const struct html_rep *h, xmlNodePtr body)
{
	xmlNodePtr	hd, p, nav, a;

	hd = rep_el(body, "header", NULL);
	rep_tel(hd, "h1", NULL, "cardlint report");
	p = rep_el(hd, "p", "meta");
	txtf(p, "cardlint %s \xc2\xb7 run date %s \xc2\xb7 %zu %s \xc2\xb7 "
	    "%zu %s", h->version, h->now, h->npages,
	    plural(h->npages, "page", "pages"), h->nf,
	    plural(h->nf, "finding", "findings"));
	nav = rep_el(hd, "nav", NULL);
	a = rep_tel(nav, "a", NULL, "Summary");
	rep_prop(a, "href", "#summary");
	if (h->nvotes > 0) {
		a = rep_tel(nav, "a", NULL, "Charts");
		rep_prop(a, "href", "#charts");
	}
	a = rep_tel(nav, "a", NULL, "By rule");
	rep_prop(a, "href", "#by-rule");
	a = rep_tel(nav, "a", NULL, "By page");
	rep_prop(a, "href", "#by-page");
}

static void
sev_cards(xmlNodePtr parent, const struct rep_totals *t)
{
	xmlNodePtr		 cards, c;
	char			 cls[32];
	size_t			 i;

	cards = rep_el(parent, "div", "cards");
	for (i = 0; i < NSHOWN; i++) {
		snprintf(cls, sizeof(cls), "card s-%s",
		    sev_name(shown_sev[i]));
		c = rep_el(cards, "div", cls);
		rep_prop(c, "data-count", sev_name(shown_sev[i]));
		txtf(rep_el(c, "b", "sev"), "%zu", t->sev[shown_sev[i]]);
		txt(c, sev_name(shown_sev[i]));
	}
	c = rep_el(cards, "div", "card");
	rep_prop(c, "data-count", "suppressed");
	txtf(rep_el(c, "b", NULL), "%zu", t->suppressed);
	txt(c, "suppressed");
	c = rep_el(cards, "div", "card");
	rep_prop(c, "data-count", "pages");
	txtf(rep_el(c, "b", NULL), "%zu", t->files);
	txt(c, "pages checked");
}

static void
rule_table(const struct html_rep *h, xmlNodePtr parent)
{
	static const char *const cols[] = { "rule", "#error", "#warning",
	    "#info", "#suppressed", "what it means", NULL };
	const struct hcount	*c;
	xmlNodePtr		 tb, tr, a;
	char			*s;
	size_t			 i;

	tb = table_body(parent, "rule-counts", "By rule", cols);
	for (i = 0; i < h->nrules; i++) {
		c = &h->rules[i];
		tr = rep_el(tb, "tr", NULL);
		rep_prop(tr, "data-rule", c->key);
		a = rep_tel(rep_el(rep_el(tr, "td", NULL), "code", NULL), "a",
		    NULL, c->key);
		xasprintf(&s, "#rule-%s", c->key);
		rep_prop(a, "href", s);
		free(s);
		sev_cells(tr, c);
		s = rep_xml_text(c->rule != NULL ? c->rule->summary : "");
		rep_tel(tr, "td", NULL, s);
		free(s);
	}
}

static void
site_table(const struct html_rep *h, xmlNodePtr parent)
{
	static const char *const cols[] = { "site", "#pages", "#error",
	    "#warning", "#info", "#suppressed", NULL };
	const struct hcount	*c;
	xmlNodePtr		 tb, tr;
	size_t			 i;

	tb = table_body(parent, "site-counts", "By site", cols);
	for (i = 0; i < h->nsites; i++) {
		c = &h->sites[i];
		tr = rep_el(tb, "tr", NULL);
		rep_prop(tr, "data-site", c->key);
		rep_tel(tr, "td", NULL, c->key);
		num_cell(tr, c->pages);
		sev_cells(tr, c);
	}
}

static void
sev_table(xmlNodePtr parent, const struct rep_totals *t)
{
	static const char *const cols[] = { "severity", "#findings", NULL };
	xmlNodePtr		 tb, tr;
	char			 cls[32];
	size_t			 i;

	tb = table_body(parent, "severity-counts", "By severity", cols);
	for (i = 0; i < NSHOWN; i++) {
		tr = rep_el(tb, "tr", NULL);
		rep_prop(tr, "data-severity", sev_name(shown_sev[i]));
		snprintf(cls, sizeof(cls), "sev s-%s", sev_name(shown_sev[i]));
		rep_tel(rep_el(tr, "td", NULL), "span", cls,
		    sev_name(shown_sev[i]));
		num_cell(tr, t->sev[shown_sev[i]]);
	}
	tr = rep_el(tb, "tr", NULL);
	rep_prop(tr, "data-severity", "suppressed");
	rep_tel(tr, "td", NULL, "suppressed");
	num_cell(tr, t->suppressed);
}

/* Sites in the bar chart: most findings first, then by name. */
static int
site_total_cmp(const void *a, const void *b)
{
	const struct hcount	*x = *(const struct hcount *const *)a;
	const struct hcount	*y = *(const struct hcount *const *)b;
	size_t			 nx = count_total(x), ny = count_total(y);

	if (nx != ny)
		return nx > ny ? -1 : 1;
	return site_cmp(x, y);
}

static void
bar_figure(xmlNodePtr parent, const char *id, const char *title,
    const struct hcount *const *c, size_t n)
{
	struct svg_bar	*b;
	xmlNodePtr	 fig, p;
	size_t		 i;

	b = xreallocarray(NULL, n + 1, sizeof(*b));
	for (i = 0; i < n; i++) {
		b[i].label = c[i]->key;
		b[i].err = c[i]->sev[SEV_ERROR];
		b[i].warn = c[i]->sev[SEV_WARNING];
		b[i].info = c[i]->sev[SEV_INFO];
	}
	fig = rep_el(parent, "figure", "chart bars");
	rep_tel(fig, "figcaption", NULL, title);
	svg_bars(fig, id, title, b, n);
	p = rep_el(fig, "p", "legend");
	for (i = 0; i < NSHOWN; i++)
		rep_tel(p, "span", sev_name(shown_sev[i]),
		    sev_name(shown_sev[i]));
	free(b);
}

/* Findings by rule and by site as bars; the tables below hold the
   same counts as text. */
static void
summary_bars(const struct html_rep *h, xmlNodePtr parent)
{
	const struct hcount	**c;
	xmlNodePtr		 box;
	size_t			 i, n = h->nrules > h->nsites ? h->nrules :
				    h->nsites;

	if (h->nrules == 0)
		return;
	box = rep_el(parent, "div", "tables charts-top");
	c = xreallocarray(NULL, n + 1, sizeof(*c));
	for (i = 0; i < h->nrules; i++)
		c[i] = &h->rules[i];
	bar_figure(box, "bars-rule", "Findings by rule", c, h->nrules);
	for (i = 0, n = 0; i < h->nsites; i++)
		if (count_total(&h->sites[i]) > 0)
			c[n++] = &h->sites[i];
	qsort(c, n, sizeof(*c), site_total_cmp);
	if (n > 0)
		bar_figure(box, "bars-site", "Findings by site", c, n);
	free(c);
}

static void
build_summary(const struct html_rep *h, xmlNodePtr mn,
    const struct rep_totals *t)
{
	xmlNodePtr	s, tables;

	s = rep_el(mn, "div", NULL);
	rep_prop(s, "id", "summary");
	rep_tel(s, "h2", NULL, "Summary");
	sev_cards(s, t);
	summary_bars(h, s);
	tables = rep_el(s, "div", "tables");
	sev_table(tables, t);
	rule_table(h, tables);
	site_table(h, tables);
}

static xmlNodePtr
option(xmlNodePtr sel, const char *value, const char *label)
{
	xmlNodePtr	o = rep_tel(sel, "option", NULL, label);

	rep_prop(o, "value", value);
	return o;
}

static xmlNodePtr
labelled_select(xmlNodePtr form, const char *label, const char *id)
{
	xmlNodePtr	l, sel;

	l = rep_tel(form, "label", NULL, label);
	sel = rep_el(l, "select", NULL);
	rep_prop(sel, "id", id);
	option(sel, "", "all");
	return sel;
}

/* Hidden until the script shows it: without JS it would do nothing. */
static void
build_filter(const struct html_rep *h, xmlNodePtr mn)
{
	xmlNodePtr		 form, sel, l, in, b;
	size_t			 i;

	form = rep_el(mn, "form", NULL);
	rep_prop(form, "id", "filter");
	rep_prop(form, "hidden", "");
	sel = labelled_select(form, "Severity", "f-sev");
	for (i = 0; i < NSHOWN; i++)
		option(sel, sev_name(shown_sev[i]), sev_name(shown_sev[i]));
	sel = labelled_select(form, "Rule", "f-rule");
	for (i = 0; i < h->nrules; i++)
		option(sel, h->rules[i].key, h->rules[i].key);
	sel = labelled_select(form, "Site", "f-site");
	for (i = 0; i < h->nsites; i++)
		option(sel, h->sites[i].key, h->sites[i].key);
	l = rep_tel(form, "label", NULL, "Search");
	in = rep_el(l, "input", NULL);
	rep_prop(in, "id", "f-text");
	rep_prop(in, "type", "search");
	rep_prop(in, "placeholder", "text in findings");
	l = rep_el(form, "label", NULL);
	in = rep_el(l, "input", NULL);
	rep_prop(in, "id", "f-sup");
	rep_prop(in, "type", "checkbox");
	rep_prop(in, "checked", "checked");
	txt(l, " suppressed");
	b = rep_tel(form, "button", NULL, "Reset");
	rep_prop(b, "id", "f-reset");
	rep_prop(b, "type", "button");
	l = rep_el(form, "span", NULL);
	rep_prop(l, "id", "f-count");
	txtf(l, "%zu %s", h->nf, plural(h->nf, "finding", "findings"));
}

/* Back up to the start of a UTF-8 sequence so a cut never splits one. */
static size_t
utf8_start(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return i;
}

/*
 * The page text with the value marked.  A long snippet is cut to a
 * window around the value; a value that is not in the page text (a
 * normalised number, say) is shown on its own line instead.
 */
static void
build_snippet(xmlNodePtr li, const struct hfind *f)
{
	const char	*s = f->snippet, *hit = NULL;
	xmlNodePtr	 pre, p;
	size_t		 len, vlen = 0, a, b;

	if (s != NULL && f->value != NULL && *f->value != '\0') {
		vlen = strlen(f->value);
		hit = strstr(s, f->value);
	}
	if (s != NULL && *s != '\0') {
		len = strlen(s);
		pre = rep_el(li, "pre", "snip");
		if (hit != NULL) {
			a = (size_t)(hit - s);
			b = a + vlen;
			a = a > SNIP_SIDE ? utf8_start(s, a - SNIP_SIDE) : 0;
			b = len - b > SNIP_SIDE ?
			    utf8_start(s, b + SNIP_SIDE) : len;
			if (a > 0)
				txt(pre, "\xe2\x80\xa6");
			txtn(pre, s + a, (size_t)(hit - s) - a);
			rep_tel(pre, "mark", NULL, f->value);
			txtn(pre, hit + vlen, b - (size_t)(hit - s) - vlen);
		} else {
			b = len > SNIP_MAX ? utf8_start(s, SNIP_MAX) : len;
			txtn(pre, s, b);
		}
		if (b < len)
			txt(pre, "\xe2\x80\xa6");
	}
	if (hit == NULL && f->value != NULL) {
		p = rep_el(li, "p", "val");
		txt(p, "value: ");
		rep_tel(p, "mark", NULL, f->value);
	}
}

static void
page_link(const struct html_rep *h, xmlNodePtr parent, const char *file,
    const char *text)
{
	long		 k = page_of(h, file);
	xmlNodePtr	 a;

	if (k < 0) {
		rep_tel(parent, "span", "loc", text);
		return;
	}
	a = rep_tel(parent, "a", "loc", text);
	propf(a, "href", "#page-%zu", (size_t)k + 1);
}

/* Corpus findings: the other pages that disagree, linked when in the run. */
static void
build_related(const struct html_rep *h, xmlNodePtr li, const struct hfind *f)
{
	xmlNodePtr	 p;
	char		*s;
	size_t		 i;

	if (f->nrel == 0)
		return;
	p = rep_el(li, "p", "rel");
	txt(p, f->nrel == 1 ? "Other source: " : "Other sources: ");
	for (i = 0; i < f->nrel; i++) {
		if (i > 0)
			txt(p, ", ");
		xasprintf(&s, "%s:%u", f->rel[i].file, f->rel[i].line);
		page_link(h, p, f->rel[i].file, s);
		free(s);
		if (f->rel[i].value != NULL) {
			txt(p, " ");
			rep_tel(p, "code", NULL, f->rel[i].value);
		}
	}
	if (f->relmore > 0) {
		xasprintf(&s, " and %zu more", f->relmore);
		txt(p, s);
		free(s);
	}
}

static void
build_finding(const struct html_rep *h, xmlNodePtr ol, const struct hfind *f,
    int by_rule)
{
	const struct hpage	*pg = &h->pages[f->page];
	xmlNodePtr		 li, hd, a;
	char			 cls[48], *s;

	snprintf(cls, sizeof(cls), "finding s-%s%s", sev_name(f->sev),
	    f->suppressed ? " sup" : "");
	li = rep_el(ol, "li", cls);
	rep_prop(li, "data-severity", sev_name(f->sev));
	rep_prop(li, "data-rule", f->rule);
	rep_prop(li, "data-site", pg->site);
	rep_prop(li, "data-fp", f->fp);
	if (f->suppressed)
		rep_prop(li, "data-suppressed", "1");
	hd = rep_el(li, "div", "fhead");
	rep_tel(hd, "span", "sev", sev_name(f->sev));
	xasprintf(&s, "%s:%u:%u", pg->file, f->line, f->column);
	if (by_rule)
		page_link(h, hd, pg->file, s);
	else
		rep_tel(hd, "span", "loc", s);
	free(s);
	rep_tel(hd, "code", "rule", f->rule);
	if (f->field != NULL)
		rep_tel(hd, "span", "field", f->field);
	if (f->suppressed)
		rep_tel(hd, "span", "tag", "suppressed");
	if (f->chart > 0) {
		propf(li, "data-chart", "chart-%zu", f->chart);
		a = rep_tel(hd, "a", "chartlink", "chart");
		propf(a, "href", "#chart-%zu", f->chart);
	}
	rep_tel(li, "p", "msg", f->message);
	build_snippet(li, f);
	build_related(h, li, f);
}

static void
build_by_rule(const struct html_rep *h, xmlNodePtr mn)
{
	const struct hcount	*c;
	xmlNodePtr		 view, g, h3, ol;
	char			*s;
	size_t			 i, k, n;

	view = rep_el(mn, "div", "view");
	rep_prop(view, "id", "by-rule");
	rep_tel(view, "h2", NULL, "By rule");
	if (h->nrules == 0)
		rep_tel(view, "p", NULL, "No findings.");
	for (i = 0; i < h->nrules; i++) {
		c = &h->rules[i];
		g = rep_el(view, "div", "group");
		xasprintf(&s, "rule-%s", c->key);
		rep_prop(g, "id", s);
		free(s);
		rep_prop(g, "data-rule", c->key);
		h3 = rep_el(g, "h3", NULL);
		rep_tel(h3, "code", NULL, c->key);
		n = count_total(c) + c->sup;
		txtf(rep_el(h3, "span", "count"), "%zu %s", n,
		    plural(n, "finding", "findings"));
		if (c->rule != NULL) {
			s = rep_xml_text(c->rule->summary);
			rep_tel(g, "p", "sum", s);
			free(s);
		}
		ol = rep_el(g, "ol", "findings");
		for (k = 0; k < h->nf; k++)
			if (strcmp(h->f[k].rule, c->key) == 0)
				build_finding(h, ol, &h->f[k], 1);
	}
}

static void
build_page(const struct html_rep *h, xmlNodePtr view, size_t i)
{
	const struct hpage	*pg = &h->pages[i];
	xmlNodePtr		 g, h3, ol;
	size_t			 k;

	g = rep_el(view, "div", "group page");
	propf(g, "id", "page-%zu", i + 1);
	rep_prop(g, "data-site", pg->site);
	h3 = rep_el(g, "h3", NULL);
	rep_tel(h3, "span", "file", pg->file);
	rep_tel(h3, "span", "site", pg->site);
	txtf(rep_el(h3, "span", "count"), "%zu %s", pg->n,
	    plural(pg->n, "finding", "findings"));
	ol = rep_el(g, "ol", "findings");
	for (k = 0; k < pg->n; k++)
		build_finding(h, ol, &h->f[pg->first + k], 0);
}

/* Clean pages: one collapsed list, so a 1000-page run stays readable. */
static void
build_clean(const struct html_rep *h, xmlNodePtr view, size_t nclean)
{
	xmlNodePtr	 det, ul, li;
	size_t		 i;

	det = rep_el(view, "details", "clean");
	rep_prop(det, "id", "clean");
	txtf(rep_el(det, "summary", NULL), "%zu %s without findings", nclean,
	    plural(nclean, "page", "pages"));
	ul = rep_el(det, "ul", "clean");
	for (i = 0; i < h->npages; i++) {
		if (h->pages[i].n > 0)
			continue;
		li = rep_el(ul, "li", NULL);
		propf(li, "id", "page-%zu", i + 1);
		rep_prop(li, "data-site", h->pages[i].site);
		txt(li, h->pages[i].file);
		rep_tel(li, "span", "site", h->pages[i].site);
	}
}

static void
build_by_page(const struct html_rep *h, xmlNodePtr mn)
{
	xmlNodePtr	view;
	size_t		i, nclean = 0;

	view = rep_el(mn, "div", "view");
	rep_prop(view, "id", "by-page");
	rep_tel(view, "h2", NULL, "By page");
	for (i = 0; i < h->npages; i++) {
		if (h->pages[i].n == 0)
			nclean++;
		else
			build_page(h, view, i);
	}
	if (nclean > 0)
		build_clean(h, view, nclean);
}

/* A source once on a chart: the flagged ones first, then the others. */
static void
point_add(struct svg_point **v, size_t *n, size_t *cap, const char *file,
    unsigned line, const char *value, double x, int flagged)
{
	struct svg_point	*p;
	char			*where;
	size_t			 i;

	xasprintf(&where, "%s:%u", file, line);
	for (i = 0; i < *n; i++)
		if ((*v)[i].x == x && strcmp((*v)[i].where, where) == 0) {
			free(where);
			return;
		}
	xgrow(v, cap, *n + 1, sizeof(**v));
	p = &(*v)[(*n)++];
	p->file = file;
	p->where = where;
	p->value = value != NULL ? value : "?";
	p->x = x;
	p->flagged = flagged;
}

static size_t
chart_points(const struct html_rep *h, const struct hchart *ch,
    struct svg_point **v)
{
	const struct hfind	*f;
	size_t			 i, k, n = 0, cap = 0;

	*v = NULL;
	for (i = 0; i < ch->n; i++) {
		f = &h->f[ch->idx[i]];
		point_add(v, &n, &cap, h->pages[f->page].file, f->line,
		    f->value, f->x, 1);
	}
	for (i = 0; i < ch->n; i++) {
		f = &h->f[ch->idx[i]];
		for (k = 0; k < f->nrel; k++)
			point_add(v, &n, &cap, f->rel[k].file, f->rel[k].line,
			    f->rel[k].value, f->rel[k].x, 0);
	}
	return n;
}

/* The values as text: the chart's alternative, and what prints. */
static void
chart_list(const struct html_rep *h, xmlNodePtr fig,
    const struct svg_strip *st, size_t nsrc)
{
	xmlNodePtr	ul, li;
	size_t		i;

	ul = rep_el(fig, "ul", "vals");
	/* As many as the chart's <desc>: the findings list every one. */
	for (i = 0; i < st->n && i < SVG_DESC_MAX; i++) {
		li = rep_el(ul, "li", st->v[i].flagged ? "flag" : NULL);
		page_link(h, li, st->v[i].file, st->v[i].where);
		rep_tel(li, "code", NULL, st->v[i].value);
		if (st->v[i].flagged)
			rep_tel(li, "span", "tag", "flagged");
	}
	if (st->n > SVG_DESC_MAX)
		txtf(rep_el(ul, "li", "more"), "and %zu more",
		    st->n - SVG_DESC_MAX);
	if (st->consensus != NULL)
		txtf(rep_el(ul, "li", "cons"), "consensus: %s", st->consensus);
	if (nsrc > st->n)
		txtf(rep_el(ul, "li", NULL), "%zu more %s not shown",
		    nsrc - st->n, plural(nsrc - st->n, "source", "sources"));
}

static void
build_chart(const struct html_rep *h, xmlNodePtr parent, size_t k)
{
	const struct hchart	*ch = &h->charts[k];
	const struct hfind	*f0 = &h->f[ch->idx[0]], *f;
	struct svg_strip	 st;
	xmlNodePtr		 fig, cap;
	char			 id[48], *title;
	size_t			 i, nsrc = 0;

	memset(&st, 0, sizeof(st));
	for (i = 0; i < ch->n; i++) {
		f = &h->f[ch->idx[i]];
		if (f->nsrc > nsrc)
			nsrc = f->nsrc;
		if (st.consensus == NULL && f->consensus != NULL) {
			st.consensus = f->consensus;
			st.cx = f->cx;
		}
	}
	fig = rep_el(parent, "figure", "chart strip");
	snprintf(id, sizeof(id), "chart-%zu", k + 1);
	rep_prop(fig, "id", id);
	rep_prop(fig, "data-rule", f0->rule);
	rep_prop(fig, "data-group", f0->group);
	cap = rep_el(fig, "figcaption", NULL);
	rep_tel(cap, "code", NULL, f0->rule);
	txt(cap, " ");
	rep_tel(cap, "span", "grp", f0->group);
	txtf(rep_el(cap, "span", "count"), "%zu of %zu %s flagged", ch->n,
	    nsrc, plural(nsrc, "source", "sources"));
	xasprintf(&title, "%s: %s, %zu %s", f0->rule, f0->group, nsrc,
	    plural(nsrc, "source", "sources"));
	st.title = title;
	st.axis = f0->axis;
	st.n = chart_points(h, ch, &st.v);
	snprintf(id, sizeof(id), "chart-%zu-svg", k + 1);
	svg_strip(fig, id, &st);
	chart_list(h, fig, &st, nsrc);
	for (i = 0; i < st.n; i++)
		free((char *)st.v[i].where);
	free(st.v);
	free(title);
}

/* One strip chart per vote with a finding. */
static void
build_charts(const struct html_rep *h, xmlNodePtr mn)
{
	xmlNodePtr	view;
	size_t		i;

	if (h->nvotes == 0)
		return;
	view = rep_el(mn, "div", "view");
	rep_prop(view, "id", "charts");
	rep_tel(view, "h2", NULL, "Sources compared");
	rep_tel(view, "p", "sum", "Each chart is one value the pages were "
	    "compared on: every source's value (flagged ones large and "
	    "labelled), the consensus dashed.");
	for (i = 0; i < h->ncharts; i++)
		build_chart(h, view, i);
	if (h->nvotes > h->ncharts)
		txtf(rep_el(view, "p", "sum"), "%zu more compared values with "
		    "findings are not charted.", h->nvotes - h->ncharts);
}

static xmlDocPtr
build_doc(const struct html_rep *h, const struct rep_totals *t)
{
	xmlDocPtr	doc;
	xmlNodePtr	html, body, mn, foot;

	doc = htmlNewDocNoDtD(NULL, NULL);
	/* <!DOCTYPE html>: standards mode, not quirks. */
	xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
	html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(doc, html);
	rep_prop(html, "lang", "en");
	build_head(html);
	body = rep_el(html, "body", NULL);
	rep_tel(body, "script", NULL, html_js_error);
	build_header(h, body);
	mn = rep_el(body, "main", NULL);
	build_summary(h, mn, t);
	build_charts(h, mn);
	build_filter(h, mn);
	build_by_rule(h, mn);
	build_by_page(h, mn);
	foot = rep_el(mn, "footer", NULL);
	txt(foot, "Page text is shown as text; control characters appear "
	    "as \\xNN and invalid UTF-8 as U+FFFD. Filter links: "
	    "#sev=error&rule=ID&site=ID&q=TEXT.");
	rep_tel(body, "script", NULL, html_js);
	return doc;
}

static void
html_close(void *arg, const struct rep_totals *t)
{
	struct html_rep		*h = arg;
	xmlOutputBufferPtr	 out;
	xmlDocPtr		 doc;

	count_rules(h);
	count_sites(h);
	index_pages(h);
	group_charts(h);
	doc = build_doc(h, t);
	/* No encoder: libxml2 writes the UTF-8 text as it is. */
	out = xmlOutputBufferCreateFile(h->fp, NULL);
	if (out == NULL)
		fputs("cardlint: cannot start the HTML writer\n", stderr);
	else {
		/* A failed write leaves the error flag for rep_close(). */
		htmlDocContentDumpFormatOutput(out, doc, NULL, 1);
		xmlOutputBufferClose(out);
	}
	xmlFreeDoc(doc);
	free_copy(h);
}

const struct rep_format rep_html = {
	"html", html_open, html_page, html_close, NULL, NULL
};

/* gencat: a synthetic price catalogue in the layout of LiteLLM's
 * model_prices_and_context_window.json, for the catalogue benchmark.
 *
 *   gencat [-q] OUTFILE N SEED
 *
 * Writes one JSON object: the "sample_spec" placeholder, then N entries
 * keyed "<provider>/<vendor>/model-<m>-<size>b", each with the fields a
 * real entry carries (max_tokens, max_input_tokens, max_output_tokens,
 * input_cost_per_token, output_cost_per_token, often a cache-read price
 * and a batch price, litellm_provider, mode, supports_* flags, source),
 * about 420 bytes an entry as in the real map (2,500 entries, 1 MB).
 * Every model is offered by eight of 24 providers, so the corpus rules
 * have groups of eight as in the real map; each provider's price is the
 * model's price times 0.7 .. 1.4.  About 1 % of the entries carry one
 * anomaly: a price 1e5 too high (the wandb slip), per 1K stored per
 * token (1000x), or an output limit above the context window.
 *
 * Prints "entries N bytes B models M anomalies A" on stdout unless -q.
 * Deterministic for a given N and SEED (own xorshift generator).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NPROV	24
#define PERMOD	8		/* providers of one model; NPROV/PERMOD */

static const char *const providers[NPROV] = {
	"openai", "azure", "azure_ai", "bedrock", "vertex_ai", "groq",
	"together_ai", "fireworks_ai", "deepinfra", "cerebras", "openrouter",
	"mistral", "anthropic", "gemini", "deepseek", "perplexity", "xai",
	"nebius", "novita", "hyperbolic", "sambanova", "cohere", "wandb",
	"lambda_ai"
};

static const char *const vendors[] = {
	"openai", "meta-llama", "mistralai", "qwen", "deepseek-ai", "google",
	"moonshotai", "zai-org"
};

static const long contexts[] = { 8192, 32768, 131072, 200000, 1048576 };
static const long outputs[] = { 4096, 8192, 16384, 32768, 131072 };

static unsigned long long rng;

static unsigned long long
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Uniform in [lo, hi). */
static double
uni(double lo, double hi)
{
	return lo + (hi - lo) * (double)(next() >> 11) / 9007199254740992.0;
}

static int
usage(void)
{
	fprintf(stderr, "usage: gencat [-q] OUTFILE N SEED\n");
	return 2;
}

int
main(int argc, char **argv)
{
	FILE		*fp;
	const char	*prov, *vend;
	char		*end;
	double		 base = 0, in, out;
	long		 n, i, m, size = 0, ctx = 0, mo = 0, anomalies = 0;
	int		 quiet = 0, kind, p;

	if (argc > 1 && strcmp(argv[1], "-q") == 0) {
		quiet = 1;
		argc--;
		argv++;
	}
	if (argc != 4)
		return usage();
	n = strtol(argv[2], &end, 10);
	if (*end != '\0' || n < 1 || n > 100000000)
		return usage();
	rng = strtoull(argv[3], &end, 10) * 2654435761ULL + 88172645463325252ULL;
	if (*end != '\0')
		return usage();
	if ((fp = fopen(argv[1], "w")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	fputs("{\n    \"sample_spec\": {\n"
	    "        \"max_tokens\": \"LEGACY parameter\",\n"
	    "        \"input_cost_per_token\": 0.0,\n"
	    "        \"output_cost_per_token\": 0.0,\n"
	    "        \"litellm_provider\": \"one of the providers\",\n"
	    "        \"mode\": \"one of: chat, embedding, completion\"\n"
	    "    }", fp);
	for (i = 0; i < n; i++) {
		m = i / PERMOD;
		if (i % PERMOD == 0) {
			/* A new model: its size, price and limits. */
			size = 1 + (long)(next() % 400);
			base = uni(0.02, 15.0);
			ctx = contexts[next() % 5];
			mo = outputs[next() % 5];
			if (mo > ctx)
				mo = ctx;
		}
		/* Eight distinct providers per model: a stride prime to
		   NPROV from a per-model start. */
		p = (int)((m * 5 + (i % PERMOD) * 7) % NPROV);
		prov = providers[p];
		vend = vendors[m % (long)(sizeof(vendors) / sizeof(vendors[0]))];
		in = base * uni(0.7, 1.4) / 1e6;
		out = in * uni(2.0, 5.0);
		kind = next() % 100 == 0 ? (int)(next() % 3) + 1 : 0;
		if (kind == 1)
			in *= 1e5;
		else if (kind == 2)
			in *= 1e3, out *= 1e3;
		anomalies += kind != 0;
		fprintf(fp, ",\n    \"%s/%s/model-%ld-%ldb\": {\n"
		    "        \"max_tokens\": %ld,\n"
		    "        \"max_input_tokens\": %ld,\n"
		    "        \"max_output_tokens\": %ld,\n"
		    "        \"input_cost_per_token\": %.6g,\n"
		    "        \"output_cost_per_token\": %.6g,\n",
		    prov, vend, m, size, mo, ctx, kind == 3 ? ctx * 2 : mo,
		    in, out);
		if (i % 2 == 0)
			fprintf(fp, "        \"cache_read_input_token_cost\": "
			    "%.6g,\n", in / 10);
		if (i % 3 == 0)
			fprintf(fp, "        \"input_cost_per_token_batches\": "
			    "%.6g,\n", in / 2);
		fprintf(fp, "        \"litellm_provider\": \"%s\",\n"
		    "        \"mode\": \"chat\",\n"
		    "        \"supports_function_calling\": true,\n"
		    "        \"supports_vision\": %s,\n"
		    "        \"supports_prompt_caching\": %s,\n"
		    "        \"supports_response_schema\": true,\n"
		    "        \"source\": \"https://example.com/%s/pricing\"\n"
		    "    }", prov, m % 3 == 0 ? "true" : "false",
		    m % 2 == 0 ? "true" : "false", prov);
	}
	fputs("\n}\n", fp);
	if (ferror(fp) || fclose(fp) != 0) {
		perror(argv[1]);
		return 2;
	}
	if (!quiet) {
		if ((fp = fopen(argv[1], "r")) != NULL) {
			fseek(fp, 0, SEEK_END);
			printf("entries %ld bytes %ld models %ld anomalies %ld\n",
			    n, ftell(fp), (n + PERMOD - 1) / PERMOD, anomalies);
			fclose(fp);
		}
	}
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-bench-dma - DMA readout benchmark: take data from a card's
 * generator into a NUMA-local hugepage buffer, check it and report the
 * throughput and the errors.
 *
 * One thread: push as many superpages as fit (one batch), wait in poll(),
 * pop a batch, check each superpage, and only then give it back to the
 * free list.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "format.h"

#define KiB 1024ULL
#define MiB (1024 * KiB)
#define GiB (1024 * MiB)

#define CRU_INJECT_ERROR_BAR	0
#define CRU_INJECT_ERROR_ADDR	0x608
#define MAX_RECORDED_ERRORS	10000
#define POP_BATCH		1024

struct config {
	const char *id;
	unsigned int channel;
	enum roc_dma_source source;
	uint64_t buffer_size;
	uint64_t sp_size;
	uint64_t bytes;
	double time_s;
	enum roc_check_mode check;
	const char *to_file_bin;
	const char *error_file;
	bool no_display;
	bool no_temperature;
	bool json;
	bool bypass_fw;
	bool inject_error;
	bool stbrd;
	bool ioctl_path;
	bool ring_thread;
};

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-i, --id=ID", "card ID: PCI address, serial[:endpoint], #N, rocN, path (required)" },
		{ "    --dma-channel=N", "DMA channel (default 0; C-RORC 0-5)" },
		{ "    --data-source=SRC", "internal (default), ddg (CRU), fee, diu or siu (C-RORC)" },
		{ "    --stbrd", "C-RORC FEE: start the FEE with STBRD instead of RDYRX" },
		{ "    --buffer-size=SIZE", "DMA buffer, a multiple of 2Mi (default 256Mi)" },
		{ "    --superpage-size=SIZE", "superpage, a multiple of 32Ki below 16Mi (default 1Mi)" },
		{ "    --bytes=SIZE", "stop after this much data (default: no limit)" },
		{ "    --time=T", "stop after [n]h[n]m[n]s, or seconds (default: no limit)" },
		{ "    --error-check=MODE", "full (default), fast (RDH only) or off" },
		{ "    --error-file=FILE", "where errors go (default readout_errors.txt)" },
		{ "    --to-file-bin=FILE", "write the data read, each superpage after 4 x 0x0badf00d" },
		{ "    --no-display", "no progress line each second" },
		{ "    --ioctl-path", "push and pop by ioctl, not through the rings" },
		{ "    --ring-thread", "rings moved by a kernel thread (no system calls)" },
		{ "-j, --json", "print the summary as JSON" },
		{ "    --bypass-fw-check", "accept any firmware" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};
	static const struct help_opt old[] = {
		{ "    --no-errorcheck", "--error-check=off" },
		{ "    --fast-check", "--error-check=fast" },
		{ "    --no-temperature", "no temperature in the progress line" },
		{ "    --page-size=SIZE", "the DMA page size: 8Ki, the cards' only one" },
		{ "    --no-rm-pages-file", "accepted: roc's buffer is a memfd, no file is left" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS] --id=ID\n", get_prog_name());
	printf("\nRead data by DMA from a CRU endpoint or C-RORC channel into a hugepage\n"
	       "buffer on the card's NUMA node, check the generator's data pattern and\n"
	       "print the throughput.  Stops at --bytes, --time or SIGINT (Ctrl-C),\n"
	       "then prints a summary.  SIZE takes the suffixes Ki, Mi, Gi (or k, M, G\n"
	       "as binary multiples).\n"
	       "Exit status: 0 no data errors, 1 data errors or a failure, 2 bad usage.\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
	printf("\nOptions of o2-roc-bench-dma, for existing scripts (data sources are\n"
	       "also accepted in capitals: FEE, INTERNAL, DIU, SIU, DDG):\n");
	print_options(old, NULL);
}

static uint64_t parse_size_or_die(const char *opt, const char *s)
{
	static const struct { const char *sfx; uint64_t mul; } sfx[] = {
		{ "", 1 }, { "Ki", KiB }, { "Mi", MiB }, { "Gi", GiB },
		{ "k", KiB }, { "K", KiB }, { "M", MiB }, { "G", GiB },
	};
	char *end;
	unsigned long long v;
	size_t i;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (end == s || errno || *s == '-')
		die_usage("%s: \"%s\" is not a size", opt, s);
	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++)
		if (!strcmp(end, sfx[i].sfx)) {
			if (v > UINT64_MAX / sfx[i].mul)
				die_usage("%s: \"%s\" is too large", opt, s);
			return v * sfx[i].mul;
		}
	die_usage("%s: \"%s\": unknown suffix (Ki, Mi, Gi)", opt, s);
}

static double parse_time_or_die(const char *s)
{
	const char *p = s;
	double total = 0;
	bool any = false;

	while (*p) {
		char *end;
		double v = strtod(p, &end);

		if (end == p || v < 0)
			die_usage("--time: \"%s\" is not [n]h[n]m[n]s", s);
		any = true;
		switch (*end) {
		case 'h': total += v * 3600; end++; break;
		case 'm': total += v * 60; end++; break;
		case 's': total += v; end++; break;
		case '\0': total += v; break;
		default:
			die_usage("--time: \"%s\" is not [n]h[n]m[n]s", s);
		}
		p = end;
	}
	if (!any || total <= 0)
		die_usage("--time: \"%s\" is not a positive duration", s);
	return total;
}

enum {
	OPT_CHANNEL = 0x100, OPT_SOURCE, OPT_BUFSIZE, OPT_SPSIZE, OPT_BYTES,
	OPT_TIME, OPT_CHECK, OPT_ERRFILE, OPT_TOFILE, OPT_NODISPLAY,
	OPT_BYPASS, OPT_INJECT, OPT_STBRD, OPT_IOCTL_PATH, OPT_RING_THREAD,
	OPT_NO_CHECK, OPT_FAST_CHECK, OPT_NO_TEMP, OPT_PAGE_SIZE, OPT_NO_RM_PAGES,
};

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "id",			required_argument,	NULL, 'i' },
		{ "dma-channel",	required_argument,	NULL, OPT_CHANNEL },
		{ "data-source",	required_argument,	NULL, OPT_SOURCE },
		{ "buffer-size",	required_argument,	NULL, OPT_BUFSIZE },
		{ "superpage-size",	required_argument,	NULL, OPT_SPSIZE },
		{ "bytes",		required_argument,	NULL, OPT_BYTES },
		{ "time",		required_argument,	NULL, OPT_TIME },
		{ "error-check",	required_argument,	NULL, OPT_CHECK },
		{ "error-file",		required_argument,	NULL, OPT_ERRFILE },
		{ "to-file-bin",	required_argument,	NULL, OPT_TOFILE },
		{ "no-display",		no_argument,		NULL, OPT_NODISPLAY },
		{ "json",		no_argument,		NULL, 'j' },
		{ "bypass-fw-check",	no_argument,		NULL, OPT_BYPASS },
		{ "stbrd",		no_argument,		NULL, OPT_STBRD },
		{ "ioctl-path",		no_argument,		NULL, OPT_IOCTL_PATH },
		{ "ring-thread",	no_argument,		NULL, OPT_RING_THREAD },
		/* o2-roc-bench-dma's names (docs/hardware.md 12.1) */
		{ "no-errorcheck",	no_argument,		NULL, OPT_NO_CHECK },
		{ "fast-check",		no_argument,		NULL, OPT_FAST_CHECK },
		{ "no-temperature",	no_argument,		NULL, OPT_NO_TEMP },
		{ "page-size",		required_argument,	NULL, OPT_PAGE_SIZE },
		{ "no-rm-pages-file",	no_argument,		NULL, OPT_NO_RM_PAGES },
		/* debug: make the CRU inject one data error (BAR0 0x608) */
		{ "inject-error",	no_argument,		NULL, OPT_INJECT },
		{ "help",		no_argument,		NULL, 'h' },
		{ "version",		no_argument,		NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	cfg->buffer_size = 256 * MiB;
	cfg->sp_size = 1 * MiB;
	cfg->error_file = "readout_errors.txt";
	while ((opt = getopt_long(argc, argv, "+:hi:jv", longopts, NULL)) >= 0) {
		switch (opt) {
		case 'i': cfg->id = optarg; break;
		case OPT_CHANNEL:
			cfg->channel = parse_value_or_die("--dma-channel", optarg, 5);
			break;
		case OPT_SOURCE:
			if (roc_source_parse(optarg, &cfg->source))
				die_usage("--data-source: \"%s\" is not internal, ddg, fee, diu or siu",
					  optarg);
			break;
		case OPT_STBRD: cfg->stbrd = true; break;
		case OPT_BUFSIZE:
			cfg->buffer_size = parse_size_or_die("--buffer-size", optarg);
			break;
		case OPT_SPSIZE:
			cfg->sp_size = parse_size_or_die("--superpage-size", optarg);
			break;
		case OPT_BYTES:
			cfg->bytes = parse_size_or_die("--bytes", optarg);
			break;
		case OPT_TIME: cfg->time_s = parse_time_or_die(optarg); break;
		case OPT_CHECK:
			if (!strcmp(optarg, "full"))
				cfg->check = ROC_CHECK_MODE_FULL;
			else if (!strcmp(optarg, "fast"))
				cfg->check = ROC_CHECK_MODE_FAST;
			else if (!strcmp(optarg, "off"))
				cfg->check = ROC_CHECK_MODE_OFF;
			else
				die_usage("--error-check: \"%s\" is not full, fast or off",
					  optarg);
			break;
		case OPT_ERRFILE: cfg->error_file = optarg; break;
		case OPT_TOFILE: cfg->to_file_bin = optarg; break;
		case OPT_NODISPLAY: cfg->no_display = true; break;
		case OPT_BYPASS: cfg->bypass_fw = true; break;
		case OPT_INJECT: cfg->inject_error = true; break;
		case OPT_IOCTL_PATH: cfg->ioctl_path = true; break;
		case OPT_RING_THREAD: cfg->ring_thread = true; break;
		case OPT_NO_CHECK: cfg->check = ROC_CHECK_MODE_OFF; break;
		case OPT_FAST_CHECK: cfg->check = ROC_CHECK_MODE_FAST; break;
		case OPT_NO_TEMP: cfg->no_temperature = true; break;
		case OPT_PAGE_SIZE:
			if (parse_size_or_die("--page-size", optarg) != ROC_CHECK_PAGE_SIZE)
				die_usage("--page-size: the cards write DMA pages of 8Ki only, not \"%s\"",
					  optarg);
			break;
		case OPT_NO_RM_PAGES: break;
		default:
			if (!parse_std_option(opt, &cfg->json, print_help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
	if (!cfg->id)
		die_usage("no card given (--id)");
	if (!cfg->buffer_size || cfg->buffer_size % (2 * MiB))
		die_usage("--buffer-size: %" PRIu64 " is not a non-zero multiple of 2Mi",
			  cfg->buffer_size);
	if (!cfg->sp_size || cfg->sp_size % (32 * KiB) ||
	    cfg->sp_size >= 16 * MiB)
		die_usage("--superpage-size: %" PRIu64 " is not a multiple of 32Ki below 16Mi",
			  cfg->sp_size);
	if (cfg->sp_size > cfg->buffer_size)
		die_usage("--superpage-size is larger than --buffer-size");
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Temperature of the endpoint, read over netlink; false if none. */
static bool read_temperature(const struct roc_card_info *info, double *deg)
{
	struct roc_card_list *list;
	bool ok = false;
	size_t i;

	if (roc_card_list_new(&list))
		return false;
	for (i = 0; i < roc_card_list_count(list); i++) {
		const struct roc_card_info *o = roc_card_list_get(list, i);
		int32_t md;

		if (!strcmp(roc_card_info_get_address(o),
			    roc_card_info_get_address(info)) &&
		    !roc_card_info_get_temperature(o, &md)) {
			*deg = md / 1000.0;
			ok = true;
		}
	}
	roc_card_list_free(list);
	return ok;
}

struct run {
	struct config *cfg;
	struct roc_card *card;
	struct roc_channel *ch;
	struct roc_buffer *buf;
	struct roc_checker *chk;
	enum roc_check_format fmt;
	uint32_t buf_id;
	uint64_t *sp_offset;	/* per superpage slot */
	double *push_time;
	uint32_t *free_list;
	size_t nr_sp, nr_free;
	uint64_t sp_limit;	/* 0: none */
	uint64_t pushed, popped, bytes, card_errors;
	uint64_t returned, partial;	/* every superpage back; partly filled */
	uint32_t last_partial;		/* bytes received of the last partial one */
	double latency_sum;
	FILE *out;
	FILE *progress;
};

static void write_superpage(struct run *r, const void *p, size_t len)
{
	static const uint32_t marker[4] = { 0x0badf00d, 0x0badf00d,
					    0x0badf00d, 0x0badf00d };

	if (fwrite(marker, sizeof(marker), 1, r->out) != 1 ||
	    (len && fwrite(p, len, 1, r->out) != 1))
		die("%s: write failed", r->cfg->to_file_bin);
}

/*
 * Has the channel failed?  Then say why (for a C-RORC: did its DDL link go
 * down?) and return true.
 */
static bool channel_failed(struct run *r, const struct roc_card_info *info)
{
	struct roc_channel_stats st = ROC_STRUCT_INIT(st);
	struct roc_ddl_info ddl;

	if (roc_channel_get_stats(r->ch, &st) || st.state != ROC_CH_STATE_FAILED)
		return false;
	if (roc_card_info_get_type(info) == ROC_TYPE_CRORC &&
	    !roc_ddl_status(r->card, r->cfg->channel, &ddl) && !ddl.link_up)
		print_error("%s: DMA channel %u failed: the DDL link went down during the run",
			    roc_card_get_label(r->card), r->cfg->channel);
	else
		print_error("%s: DMA channel %u failed (the card broke the protocol)",
			    roc_card_get_label(r->card), r->cfg->channel);
	return true;
}

/* Check and recycle popped superpages. */
static void handle_ready(struct run *r, const struct roc_sp_ready *rd,
			 int n, double t)
{
	uint8_t *base = roc_buffer_get_addr(r->buf);
	int k;

	for (k = 0; k < n; k++) {
		uint64_t slot = rd[k].cookie;

		if (slot >= r->nr_sp)
			die("card returned an unknown superpage (cookie %" PRIu64 ")",
			    slot);
		r->returned++;
		if (rd[k].flags & ROC_SP_PARTIAL) {
			/* a stopped run (EOBTR, flush) ends with one */
			r->partial++;
			r->last_partial = rd[k].received;
			if (!r->cfg->no_display)
				fprintf(r->progress, "  superpage %" PRIu64 " partial: %u of %u bytes\n",
					slot, rd[k].received, rd[k].size);
		}
		if (rd[k].flags & ROC_SP_DONE) {
			r->popped++;
			r->bytes += rd[k].received;
			r->latency_sum += t - r->push_time[slot];
			if (rd[k].flags & ROC_SP_ERROR)
				r->card_errors++;
			roc_checker_check(r->chk, rd[k].link,
					  base + rd[k].offset, rd[k].received,
					  r->popped - 1);
			if (r->out)
				write_superpage(r, base + rd[k].offset,
						rd[k].received);
		}
		r->free_list[r->nr_free++] = (uint32_t)slot;
	}
}

static int push_free(struct run *r, double t)
{
	static struct roc_sp_desc desc[POP_BATCH];
	size_t n = 0, done = 0;
	int ret;

	while (n < r->nr_free && n < POP_BATCH &&
	       (!r->sp_limit || r->pushed + n < r->sp_limit)) {
		uint32_t slot = r->free_list[r->nr_free - 1 - n];

		desc[n] = (struct roc_sp_desc){
			.buffer_id = r->buf_id, .offset = r->sp_offset[slot],
			.size = r->cfg->sp_size, .cookie = slot,
		};
		n++;
	}
	if (!n)
		return 0;
	ret = roc_channel_push(r->ch, desc, n, &done);
	for (size_t k = 0; k < done; k++)
		r->push_time[desc[k].cookie] = t;
	r->nr_free -= done;
	r->pushed += done;
	if (ret == -ENOSPC)
		return 0;
	return ret;
}

static void print_progress_header(struct run *r)
{
	fprintf(r->progress, "  %-10s %10s %10s %8s %8s %6s\n", "Time",
		"Pushed", "Read", "Gb/s", "Errors", "°C");
}

static void print_progress(struct run *r, double elapsed, double gbps)
{
	char temp[16] = "-";
	double deg;
	unsigned int s = (unsigned int)elapsed;

	if (!r->cfg->no_temperature &&
	    read_temperature(roc_card_get_info(r->card), &deg))
		snprintf(temp, sizeof(temp), "%.1f", deg);
	fprintf(r->progress, "  %02u:%02u:%02u   %10" PRIu64 " %10" PRIu64
		" %8.3f %8" PRIu64 " %6s\n", s / 3600, s / 60 % 60, s % 60,
		r->pushed, r->popped, gbps,
		roc_checker_get_errors(r->chk) + r->card_errors, temp);
	fflush(r->progress);
}

static void write_errors(struct run *r, uint64_t errors)
{
	FILE *f;
	size_t i, n = roc_checker_get_num_recorded(r->chk);

	if (!errors)
		return;
	f = fopen(r->cfg->error_file, "w");
	if (!f) {
		print_error("cannot write %s: %s", r->cfg->error_file,
			    strerror(errno));
		return;
	}
	fprintf(f, "# %" PRIu64 " errors (%zu recorded), %s, channel %u, format %s\n",
		errors, n, roc_card_get_label(r->card), r->cfg->channel,
		roc_check_format_name(r->fmt));
	for (i = 0; i < n; i++) {
		const struct roc_check_error *e = roc_checker_get_error(r->chk, i);

		fprintf(f, "superpage %" PRIu64 " link %u offset 0x%" PRIx64
			": %s: expected 0x%08x, got 0x%08x\n", e->tag, e->link,
			e->offset, e->what, e->expected, e->got);
	}
	if (r->card_errors)
		fprintf(f, "%" PRIu64 " superpages flagged with an error by the card\n",
			r->card_errors);
	fclose(f);
}

int main(int argc, char **argv)
{
	struct config cfg = { 0 };
	struct run r = { .cfg = &cfg };
	struct roc_buffer_segments seg = ROC_STRUCT_INIT(seg);
	struct roc_channel_stats st = ROC_STRUCT_INIT(st);
	static struct roc_sp_ready rd[POP_BATCH];
	const struct roc_card_info *info;
	enum roc_check_format fmt;
	struct roc_fw_list *fw;
	struct sigaction sa;
	double t0, t, last_disp, next_disp, elapsed, total_s;
	uint64_t last_bytes = 0, errors;
	bool failed = false;
	size_t i, per_chunk, chunk;
	int n, ret;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);
	r.progress = cfg.json ? stderr : stdout;

	if (roc_card_open(cfg.id, 0, &r.card))
		die_lib();
	info = roc_card_get_info(r.card);
	if (roc_fw_list_new(0, &fw))
		die_lib();
	if (roc_fw_list_check(fw, info, cfg.bypass_fw ? ROC_FW_CHECK_BYPASS : 0))
		die("%s (--bypass-fw-check accepts it)", roc_strerror_last());
	roc_fw_list_free(fw);

	if (roc_card_info_get_type(info) == ROC_TYPE_CRORC)
		fmt = ROC_CHECK_FORMAT_CRORC;
	else if (cfg.source == ROC_DMA_SOURCE_INTERNAL)
		fmt = ROC_CHECK_FORMAT_CRU_INTERNAL;
	else
		fmt = ROC_CHECK_FORMAT_DDG;
	/* FEE data: only the RDH is known */
	if (cfg.source == ROC_DMA_SOURCE_FEE && cfg.check == ROC_CHECK_MODE_FULL)
		cfg.check = ROC_CHECK_MODE_FAST;
	if (cfg.stbrd && (roc_card_info_get_type(info) != ROC_TYPE_CRORC ||
			  cfg.source != ROC_DMA_SOURCE_FEE))
		die_usage("--stbrd needs a C-RORC and --data-source=fee");
	if (cfg.inject_error && roc_card_info_get_type(info) != ROC_TYPE_CRU)
		die_usage("--inject-error needs a CRU");
	r.fmt = fmt;
	if (roc_checker_new(fmt, cfg.check, MAX_RECORDED_ERRORS, &r.chk))
		die_lib();

	if (roc_channel_open_flags(r.card, cfg.channel,
				   (cfg.ioctl_path ? ROC_CHANNEL_OPEN_IOCTL : 0) |
				   (cfg.ring_thread ? ROC_CHANNEL_OPEN_RING_THREAD : 0),
				   &r.ch))
		die_lib();
	if (roc_buffer_alloc(cfg.buffer_size, roc_card_info_get_numa_node(info),
			     0, &r.buf))
		die_lib();
	if (roc_buffer_register(r.ch, r.buf, &r.buf_id, &seg))
		die_lib();

	/* Superpages: inside the bus-contiguous segments (hugepages). */
	chunk = seg.nr_segments <= 1 ? cfg.buffer_size :
		roc_buffer_get_page_size(r.buf);
	if (cfg.sp_size > chunk)
		die("%s: superpages of %" PRIu64 " bytes do not fit the buffer's %zu-byte bus segments",
		    roc_card_get_label(r.card), cfg.sp_size, chunk);
	per_chunk = chunk / cfg.sp_size;
	r.nr_sp = cfg.buffer_size / chunk * per_chunk;
	r.sp_offset = calloc(r.nr_sp, sizeof(*r.sp_offset));
	r.push_time = calloc(r.nr_sp, sizeof(*r.push_time));
	r.free_list = calloc(r.nr_sp, sizeof(*r.free_list));
	if (!r.sp_offset || !r.push_time || !r.free_list)
		die("out of memory");
	for (i = 0; i < r.nr_sp; i++) {
		r.sp_offset[i] = i / per_chunk * chunk + i % per_chunk * cfg.sp_size;
		r.free_list[r.nr_sp - 1 - i] = (uint32_t)i;
	}
	r.nr_free = r.nr_sp;
	if (cfg.bytes)
		r.sp_limit = (cfg.bytes + cfg.sp_size - 1) / cfg.sp_size;
	if (cfg.to_file_bin) {
		r.out = fopen(cfg.to_file_bin, "w");
		if (!r.out)
			die("cannot open %s: %s", cfg.to_file_bin, strerror(errno));
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	if (roc_channel_start_ddl(r.ch, cfg.source,
				  cfg.stbrd ? ROC_DDL_START_STBRD : 0))
		die_lib();
	if (cfg.inject_error) {
		/*
		 * Before the first push, so that the next page written -- the
		 * first -- has one corrupted word.  By ioctl: the simulator does
		 * not see writes through a mapping.
		 */
		struct roc_bar *bar;

		if (roc_bar_open(r.card, CRU_INJECT_ERROR_BAR, ROC_BAR_IOCTL, &bar) ||
		    roc_bar_write(bar, CRU_INJECT_ERROR_ADDR, 1))
			die_lib();
		roc_bar_close(bar);
	}
	if (!cfg.no_display) {
		fprintf(r.progress, "%s channel %u, %s, buffer %" PRIu64 " MiB (%zu KiB pages, NUMA %d), superpages %" PRIu64 " KiB\n",
			roc_card_get_label(r.card), cfg.channel,
			roc_source_name(cfg.source), cfg.buffer_size >> 20,
			roc_buffer_get_page_size(r.buf) >> 10,
			roc_buffer_get_numa_node(r.buf), cfg.sp_size >> 10);
		print_progress_header(&r);
	}
	t0 = last_disp = now_s();
	next_disp = t0 + 1.0;
	while (!stop_requested) {
		t = now_s();
		if (cfg.time_s && t - t0 >= cfg.time_s)
			break;
		if (r.sp_limit && r.popped >= r.sp_limit)
			break;
		if (push_free(&r, t)) {
			print_error("%s", roc_strerror_last());
			failed = true;
			break;
		}
		ret = roc_channel_wait(r.ch, 100);
		if (ret < 0 && ret != -EINTR) {
			if (!channel_failed(&r, info))
				print_error("%s", roc_strerror_last());
			failed = true;
			break;
		}
		n = roc_channel_pop(r.ch, rd, POP_BATCH);
		if (n < 0) {
			print_error("%s", roc_strerror_last());
			failed = true;
			break;
		}
		t = now_s();
		handle_ready(&r, rd, n, t);
		if (!cfg.no_display && t >= next_disp) {
			print_progress(&r, t - t0, (r.bytes - last_bytes) * 8 /
				       (t - last_disp) / 1e9);
			last_bytes = r.bytes;
			last_disp = t;
			/* one line per second of run time, without drift */
			next_disp += 1.0;
			if (next_disp <= t)
				next_disp = t + 1.0;
		}
		if (channel_failed(&r, info)) {
			failed = true;
			break;
		}
	}
	elapsed = now_s() - t0;

	/* Stop: everything pushed comes back once; check what was filled. */
	if (roc_channel_stop(r.ch)) {
		print_error("%s", roc_strerror_last());
		failed = true;
	}
	while ((n = roc_channel_pop(r.ch, rd, POP_BATCH)) > 0)
		handle_ready(&r, rd, n, now_s());
	if (r.returned != r.pushed) {
		print_error("%s: DMA channel %u: %" PRIu64 " superpages pushed, %" PRIu64 " returned",
			    roc_card_get_label(r.card), cfg.channel, r.pushed,
			    r.returned);
		failed = true;
	}
	if (roc_channel_get_stats(r.ch, &st))
		memset(&st, 0, sizeof(st));
	total_s = elapsed > 0 ? elapsed : 1e-9;
	errors = roc_checker_get_errors(r.chk) + r.card_errors;
	write_errors(&r, errors);

	if (cfg.json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "id", json_object_new_string(cfg.id));
		json_object_object_add(o, "device",
			json_object_new_string(roc_card_info_get_name(info)));
		json_object_object_add(o, "channel", json_object_new_int(cfg.channel));
		json_object_object_add(o, "data_source",
			json_object_new_string(roc_source_name(cfg.source)));
		json_object_object_add(o, "format",
			json_object_new_string(roc_check_format_name(fmt)));
		json_object_object_add(o, "control_path",
			json_object_new_string(roc_channel_get_path(r.ch)));
		json_object_object_add(o, "ring_thread",
			json_object_new_boolean(roc_channel_get_ring_thread(r.ch)));
		json_object_object_add(o, "error_check",
			json_object_new_string(cfg.check == ROC_CHECK_MODE_FULL ? "full" :
					       cfg.check == ROC_CHECK_MODE_FAST ? "fast" : "off"));
		json_object_object_add(o, "seconds", json_double(elapsed, "%.3f"));
		json_object_object_add(o, "superpages", json_object_new_int64(r.popped));
		json_object_object_add(o, "superpage_size", json_object_new_int64(cfg.sp_size));
		json_object_object_add(o, "pushed", json_object_new_int64(r.pushed));
		json_object_object_add(o, "returned", json_object_new_int64(r.returned));
		json_object_object_add(o, "partial", json_object_new_int64(r.partial));
		json_object_object_add(o, "last_partial_bytes",
				       json_object_new_int64(r.last_partial));
		json_object_object_add(o, "latency_us",
			json_double(r.popped ? r.latency_sum / r.popped * 1e6 : 0, "%.1f"));
		json_object_object_add(o, "bytes", json_object_new_int64(r.bytes));
		json_object_object_add(o, "gbytes_per_s",
			json_double(r.bytes / total_s / 1e9, "%.3f"));
		json_object_object_add(o, "gbits_per_s",
			json_double(r.bytes * 8 / total_s / 1e9, "%.3f"));
		json_object_object_add(o, "errors", json_object_new_int64(errors));
		json_object_object_add(o, "fifo_empty", json_object_new_int64(st.fifo_empty));
		json_object_object_add(o, "dropped_packets",
				       json_object_new_int64(st.dropped_packets));
		json_object_object_add(o, "interrupted",
				       json_object_new_boolean(stop_requested));
		json_object_object_add(o, "failed", json_object_new_boolean(failed));
		print_json(o, true);
	} else {
		printf("\n");
		printf("  %-20s %s%s\n", "Control path", roc_channel_get_path(r.ch),
		       roc_channel_get_ring_thread(r.ch) ? " (kernel thread)" : "");
		printf("  %-20s %.3f\n", "Seconds", elapsed);
		printf("  %-20s %" PRIu64 "\n", "Superpages", r.popped);
		printf("  %-20s %" PRIu64 "\n", "Partial superpages", r.partial);
		printf("  %-20s %.1f us\n", "Superpage latency",
		       r.popped ? r.latency_sum / r.popped * 1e6 : 0);
		printf("  %-20s %" PRIu64 " (%.2f GiB)\n", "Bytes", r.bytes,
		       r.bytes / (double)GiB);
		printf("  %-20s %.3f\n", "GB/s", r.bytes / total_s / 1e9);
		printf("  %-20s %.3f\n", "Gb/s", r.bytes * 8 / total_s / 1e9);
		printf("  %-20s %" PRIu64 "%s%s\n", "Errors", errors,
		       errors ? ", see " : "", errors ? cfg.error_file : "");
	}
	fflush(stdout);

	if (r.out && fclose(r.out))
		failed = true;
	roc_checker_free(r.chk);
	roc_buffer_unregister(r.ch, r.buf_id);
	roc_channel_close(r.ch);
	roc_buffer_free(r.buf);
	roc_card_close(r.card);
	free(r.sp_offset);
	free(r.push_time);
	free(r.free_list);
	return errors || failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

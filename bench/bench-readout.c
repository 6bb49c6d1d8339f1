// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench-readout - readout throughput and consumer CPU, one thread per
 * endpoint, through libroc as a readout process uses it (the loop of
 * roc-bench-dma: push what is free, poll(), pop, check, recycle).
 *
 * Each --dev (repeatable: 1, 2, 4 endpoints for the scaling figure) gets
 * a thread with its own channel, buffer and checker.  After a warm-up the
 * main thread takes --repeat windows of --time seconds and samples, per
 * endpoint, the bytes popped and checked and the thread's CPU time (user +
 * system, pthread_getcpuclockid); so per window the throughput of each
 * endpoint, their sum, and the cores the consumers used.
 *
 * The data comes from the card's internal generator (CRU: cru-internal
 * pattern, C-RORC: its pattern); --check full verifies every word, off
 * nothing.  A data error is a failure (exit 1).
 *
 * --path picks the control path: ioctl (ROC_PUSH/ROC_POP), rings (the
 * push and ready rings, entered by poll()), thread (the rings moved by the
 * kernel's ring thread); by default libroc's choice (the rings when the
 * kernel has them).  --channel reads another DMA channel (a C-RORC link).
 */
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "libroc.h"
#include "bench.h"

#define MAX_DEVS 8
#define POP_BATCH 1024

struct ep {
	const char *id;
	pthread_t thr;
	clockid_t cpu_clock;
	struct roc_card *card;
	struct roc_channel *ch;
	struct roc_buffer *buf;
	struct roc_checker *chk;
	uint32_t buf_id;
	uint64_t *sp_off;
	uint32_t *free_list;
	size_t nr_sp, nr_free;
	_Atomic uint64_t bytes;
	_Atomic int failed;
	uint64_t errors;
};

static uint64_t sp_size = 1 * MiB, buf_size = 1 * GiB;
static enum roc_check_mode check = ROC_CHECK_MODE_FULL;
static unsigned int channel, open_flags;
static atomic_int stop_flag;

static void setup(struct ep *e)
{
	const struct roc_card_info *info;
	struct roc_buffer_segments seg = ROC_STRUCT_INIT(seg);
	enum roc_check_format fmt;
	size_t chunk, per, i;

	if (roc_card_open(e->id, 0, &e->card))
		die("%s", roc_strerror_last());
	info = roc_card_get_info(e->card);
	fmt = roc_card_info_get_type(info) == ROC_TYPE_CRORC ?
	      ROC_CHECK_FORMAT_CRORC : ROC_CHECK_FORMAT_CRU_INTERNAL;
	if (roc_checker_new(fmt, check, 16, &e->chk) ||
	    roc_channel_open_flags(e->card, channel, open_flags, &e->ch) ||
	    roc_buffer_alloc(buf_size, roc_card_info_get_numa_node(info), 0,
			     &e->buf) ||
	    roc_buffer_register(e->ch, e->buf, &e->buf_id, &seg))
		die("%s", roc_strerror_last());
	chunk = seg.nr_segments <= 1 ? buf_size : roc_buffer_get_page_size(e->buf);
	if (sp_size > chunk)
		die("%s: superpages of %" PRIu64 " bytes do not fit %zu-byte bus segments",
			  e->id, sp_size, chunk);
	per = chunk / sp_size;
	e->nr_sp = buf_size / chunk * per;
	e->sp_off = calloc(e->nr_sp, sizeof(*e->sp_off));
	e->free_list = calloc(e->nr_sp, sizeof(*e->free_list));
	if (!e->sp_off || !e->free_list)
		die("out of memory");
	for (i = 0; i < e->nr_sp; i++) {
		e->sp_off[i] = i / per * chunk + i % per * sp_size;
		e->free_list[i] = (uint32_t)i;
	}
	e->nr_free = e->nr_sp;
	if (roc_channel_start(e->ch, ROC_DMA_SOURCE_INTERNAL))
		die("%s", roc_strerror_last());
}

static void *worker(void *arg)
{
	struct ep *e = arg;
	static _Thread_local struct roc_sp_desc desc[POP_BATCH];
	static _Thread_local struct roc_sp_ready rd[POP_BATCH];
	uint8_t *base = roc_buffer_get_addr(e->buf);

	while (!atomic_load(&stop_flag)) {
		size_t n = 0, done = 0;
		int ret;

		while (n < e->nr_free && n < POP_BATCH) {
			uint32_t slot = e->free_list[e->nr_free - 1 - n];

			desc[n++] = (struct roc_sp_desc){
				.buffer_id = e->buf_id, .offset = e->sp_off[slot],
				.size = sp_size, .cookie = slot,
			};
		}
		if (n) {
			ret = roc_channel_push(e->ch, desc, n, &done);
			e->nr_free -= done;
			if (ret && ret != -ENOSPC)
				goto fail;
		}
		ret = roc_channel_wait(e->ch, 100);
		if (ret < 0 && ret != -EINTR)
			goto fail;
		ret = roc_channel_pop(e->ch, rd, POP_BATCH);
		if (ret < 0)
			goto fail;
		for (int k = 0; k < ret; k++) {
			if (rd[k].flags & ROC_SP_DONE) {
				roc_checker_check(e->chk, rd[k].link,
						  base + rd[k].offset,
						  rd[k].received, 0);
				atomic_fetch_add_explicit(&e->bytes, rd[k].received,
							  memory_order_relaxed);
			}
			e->free_list[e->nr_free++] = (uint32_t)rd[k].cookie;
		}
	}
	return NULL;
fail:
	fprintf(stderr, "%s: %s\n", get_prog_name(), roc_strerror_last());
	atomic_store(&e->failed, 1);
	return NULL;
}

static void help(void)
{
	printf("Usage: %s --dev ID [--dev ID...] [--superpage-size SIZE] [--buffer-size SIZE]\n"
	       "          [--check full|off] [--time SECONDS] [--repeat R] [--warmup SECONDS]\n"
	       "          [--channel N] [--path ioctl|rings|thread] [--tag NAME]\n"
	       "Readout throughput (GB/s) per endpoint and in sum, and the consumer\n"
	       "threads' CPU (cores).  Prints one JSON line.  Exit 0 ok, 1 error, 2 usage.\n",
	       get_prog_name());
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "dev", required_argument, NULL, 'd' },
		{ "superpage-size", required_argument, NULL, 's' },
		{ "buffer-size", required_argument, NULL, 'b' },
		{ "check", required_argument, NULL, 'c' },
		{ "time", required_argument, NULL, 't' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "tag", required_argument, NULL, 'T' },
		{ "channel", required_argument, NULL, 'C' },
		{ "path", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	static struct ep eps[MAX_DEVS];
	double tot[BENCH_MAX_SAMPLES], cores[BENCH_MAX_SAMPLES],
	       per[MAX_DEVS][BENCH_MAX_SAMPLES], cpu_per_gb[BENCH_MAX_SAMPLES];
	double secs = 2.0, warm = 0.5;
	const char *tag = "readout";
	long repeat = 5, k;
	size_t nd = 0, i;
	struct bench_json j;
	bool failed = false;
	int opt;

	set_prog_name(argv[0]);
	while ((opt = getopt_long(argc, argv, "+:hv", lo, NULL)) >= 0) {
		switch (opt) {
		case 'd':
			if (nd == MAX_DEVS)
				die_usage("at most %d --dev", MAX_DEVS);
			eps[nd++].id = optarg;
			break;
		case 's': sp_size = bench_size("--superpage-size", optarg); break;
		case 'b': buf_size = bench_size("--buffer-size", optarg); break;
		case 'c':
			if (!strcmp(optarg, "full"))
				check = ROC_CHECK_MODE_FULL;
			else if (!strcmp(optarg, "off"))
				check = ROC_CHECK_MODE_OFF;
			else
				die_usage("--check: \"%s\" is not full or off", optarg);
			break;
		case 't': secs = bench_double("--time", optarg); break;
		case 'w': warm = bench_double("--warmup", optarg); break;
		case 'r':
			repeat = bench_long("--repeat", optarg, 1, BENCH_MAX_SAMPLES);
			break;
		case 'T': tag = optarg; break;
		case 'C': channel = bench_long("--channel", optarg, 0, 11); break;
		case 'p':
			if (!strcmp(optarg, "ioctl"))
				open_flags = ROC_CHANNEL_OPEN_IOCTL;
			else if (!strcmp(optarg, "thread"))
				open_flags = ROC_CHANNEL_OPEN_RING_THREAD;
			else if (!strcmp(optarg, "rings"))
				open_flags = 0;
			else
				die_usage("--path: \"%s\" is not ioctl, rings or thread",
					  optarg);
			break;
		default:
			if (!parse_std_option(opt, NULL, help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
	if (optind < argc || !nd)
		die_usage("give --dev ID");
	if (!sp_size || sp_size % (32 * KiB) || sp_size >= 16 * MiB ||
	    !buf_size || buf_size % (2 * MiB) || sp_size > buf_size)
		die_usage("superpage: multiple of 32Ki below 16Mi; buffer: multiple of 2Mi");

	for (i = 0; i < nd; i++)
		setup(&eps[i]);
	for (i = 0; i < nd; i++) {
		if (pthread_create(&eps[i].thr, NULL, worker, &eps[i]) ||
		    pthread_getcpuclockid(eps[i].thr, &eps[i].cpu_clock))
			die("cannot start a thread");
	}
	usleep((useconds_t)(warm * 1e6));
	for (k = 0; k < repeat; k++) {
		uint64_t b0[MAX_DEVS];
		double c0[MAX_DEVS], t0 = bench_now(), dt, cpu = 0;

		for (i = 0; i < nd; i++) {
			b0[i] = atomic_load(&eps[i].bytes);
			c0[i] = bench_clock(eps[i].cpu_clock);
		}
		usleep((useconds_t)(secs * 1e6));
		dt = bench_now() - t0;
		tot[k] = 0;
		for (i = 0; i < nd; i++) {
			per[i][k] = (atomic_load(&eps[i].bytes) - b0[i]) / dt / 1e9;
			cpu += bench_clock(eps[i].cpu_clock) - c0[i];
			tot[k] += per[i][k];
		}
		cores[k] = cpu / dt;
		/* CPU seconds per GB read: cores / (GB/s) */
		cpu_per_gb[k] = tot[k] > 0 ? cores[k] / tot[k] : 0;
	}
	atomic_store(&stop_flag, 1);
	for (i = 0; i < nd; i++) {
		pthread_join(eps[i].thr, NULL);
		failed |= atomic_load(&eps[i].failed);
		roc_channel_stop(eps[i].ch);
		eps[i].errors = roc_checker_get_errors(eps[i].chk);
		if (eps[i].errors) {
			fprintf(stderr, "%s: %s: %" PRIu64 " data errors\n", get_prog_name(),
				eps[i].id, eps[i].errors);
			failed = true;
		}
	}

	bench_json_begin(&j, "readout");
	bench_json_str(&j, "tag", tag);
	bench_json_int(&j, "endpoints", (long long)nd);
	bench_json_int(&j, "channel", channel);
	bench_json_str(&j, "path", roc_channel_get_ring_thread(eps[0].ch) ? "thread" :
		       roc_channel_get_path(eps[0].ch));
	bench_json_int(&j, "superpage_size", (long long)sp_size);
	bench_json_int(&j, "buffer_size", (long long)buf_size);
	bench_json_int(&j, "page_size", (long long)roc_buffer_get_page_size(eps[0].buf));
	bench_json_str(&j, "check", check == ROC_CHECK_MODE_FULL ? "full" : "off");
	bench_json_num(&j, "window_s", secs);
	bench_json_arr(&j, "gbytes_per_s", tot, repeat);
	bench_json_arr(&j, "consumer_cores", cores, repeat);
	bench_json_arr(&j, "cpu_s_per_gbyte", cpu_per_gb, repeat);
	for (i = 0; i < nd; i++) {
		char key[32];

		snprintf(key, sizeof(key), "ep%zu_gbytes_per_s", i);
		bench_json_arr(&j, key, per[i], repeat);
	}
	{
		uint64_t errs = 0;

		for (i = 0; i < nd; i++)
			errs += eps[i].errors;
		bench_json_int(&j, "errors", (long long)errs);
	}
	bench_json_end(&j);

	for (i = 0; i < nd; i++) {
		roc_checker_free(eps[i].chk);
		roc_buffer_unregister(eps[i].ch, eps[i].buf_id);
		roc_channel_close(eps[i].ch);
		roc_buffer_free(eps[i].buf);
		roc_card_close(eps[i].card);
		free(eps[i].sp_off);
		free(eps[i].free_list);
	}
	return failed ? 1 : 0;
}

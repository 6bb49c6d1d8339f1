// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench-bar - 32-bit register reads per second through libroc, by 1..N
 * processes on the same endpoint at once, and how fairly they share it.
 *
 *   --mode mmap     roc_bar_read() on the BAR mapping (a load)
 *   --mode ioctl    roc_bar_read() with ROC_BAR_IOCTL: one ROC_REG_BATCH
 *                   ioctl per read
 *   --mode batch    ROC_REG_BATCH ioctls of --batch reads (roc_batch_run)
 *
 * --procs P processes fork, open the card and the BAR, and start together
 * at an agreed time; each then counts its reads in --repeat consecutive
 * windows of --time seconds (absolute deadlines on CLOCK_MONOTONIC, so
 * the windows line up).  Per window: the sum over processes (ops/s) and
 * max/min of their counts (fairness, 1.0 = equal shares; a process that
 * got no read at all in a window counts as one read there).
 */
#include <getopt.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libroc.h"
#include "bench.h"

#define MAX_PROCS 64

struct shared {
	volatile int ready;
	volatile int failed;
	volatile double start;
	volatile uint64_t count[MAX_PROCS][BENCH_MAX_SAMPLES];
};

enum mode { MODE_MMAP, MODE_IOCTL, MODE_BATCH };

static void sleep_until(double t)
{
	struct timespec ts = { .tv_sec = (time_t)t,
			       .tv_nsec = (long)((t - (time_t)t) * 1e9) };

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

static void child(struct shared *sh, int p, const char *id, unsigned int bar_idx,
		  uint32_t addr, enum mode mode, unsigned int batch, double secs,
		  long repeat)
{
	struct roc_card *card = NULL;
	struct roc_bar *bar = NULL;
	struct roc_batch *b = NULL;
	uint32_t v;
	long k;
	unsigned int i, step;

	if (roc_card_open(id, 0, &card) ||
	    roc_bar_open(card, bar_idx, mode == MODE_IOCTL ? ROC_BAR_IOCTL : 0, &bar))
		goto fail;
	if (mode == MODE_MMAP && roc_bar_get_access(bar) == ROC_BAR_ACCESS_IOCTL) {
		fprintf(stderr, "%s: %s: BAR%u cannot be mapped\n", get_prog_name(), id,
			bar_idx);
		sh->failed = 1;
		goto out;
	}
	if (mode == MODE_BATCH) {
		if (roc_batch_new(&b))
			goto fail;
		for (i = 0; i < batch; i++)
			if (roc_batch_add_read(b, bar_idx, addr) < 0)
				goto fail;
	}
	__atomic_add_fetch(&sh->ready, 1, __ATOMIC_SEQ_CST);
	while (!sh->start)
		usleep(1000);
	sleep_until(sh->start);
	/* ops between clock reads */
	step = mode == MODE_MMAP ? 256 : mode == MODE_IOCTL ? 8 : 1;
	for (k = 0; k < repeat; k++) {
		double end = sh->start + (k + 1) * secs;
		uint64_t n = 0;

		while (bench_now() < end) {
			for (i = 0; i < step; i++) {
				if (mode == MODE_BATCH) {
					if (roc_batch_run(b, card))
						goto fail;
					n += batch;
				} else {
					if (roc_bar_read(bar, addr, &v))
						goto fail;
					n++;
				}
			}
		}
		sh->count[p][k] = n;
	}
	goto out;
fail:
	fprintf(stderr, "%s: %s\n", get_prog_name(), roc_strerror_last());
	sh->failed = 1;
out:
	roc_batch_free(b);
	roc_bar_close(bar);
	roc_card_close(card);
	_exit(0);
}

static void help(void)
{
	printf("Usage: %s --dev ID [--bar N] [--address A] [--mode mmap|ioctl|batch]\n"
	       "          [--batch B] [--procs P] [--time SECONDS] [--repeat R]\n"
	       "Register reads per second by P processes at once, and fairness\n"
	       "(max/min count).  Prints one JSON line.  Exit 0 ok, 1 error, 2 usage.\n",
	       get_prog_name());
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "dev", required_argument, NULL, 'd' },
		{ "bar", required_argument, NULL, 'B' },
		{ "address", required_argument, NULL, 'a' },
		{ "mode", required_argument, NULL, 'm' },
		{ "batch", required_argument, NULL, 'b' },
		{ "procs", required_argument, NULL, 'p' },
		{ "time", required_argument, NULL, 't' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	double ops[BENCH_MAX_SAMPLES], fair[BENCH_MAX_SAMPLES],
	       minshare[BENCH_MAX_SAMPLES];
	const char *id = NULL, *mname = "mmap";
	unsigned int bar_idx = 0, batch = 64;
	uint32_t addr = 0;
	enum mode mode = MODE_MMAP;
	long procs = 1, repeat = 3, k, p;
	double secs = 1.0;
	struct bench_json j;
	struct shared *sh;
	int opt;

	set_prog_name(argv[0]);
	while ((opt = getopt_long(argc, argv, "+:hv", lo, NULL)) >= 0) {
		switch (opt) {
		case 'd': id = optarg; break;
		case 'B': bar_idx = bench_long("--bar", optarg, 0, 5); break;
		case 'a': addr = bench_long("--address", optarg, 0, 0xfffffffcL); break;
		case 'm':
			mname = optarg;
			if (!strcmp(optarg, "mmap"))
				mode = MODE_MMAP;
			else if (!strcmp(optarg, "ioctl"))
				mode = MODE_IOCTL;
			else if (!strcmp(optarg, "batch"))
				mode = MODE_BATCH;
			else
				die_usage("--mode: \"%s\" is not mmap, ioctl or batch", optarg);
			break;
		case 'b': batch = bench_long("--batch", optarg, 1, 4096); break;
		case 'p': procs = bench_long("--procs", optarg, 1, MAX_PROCS); break;
		case 't': secs = bench_double("--time", optarg); break;
		case 'r':
			repeat = bench_long("--repeat", optarg, 1, BENCH_MAX_SAMPLES);
			break;
		default:
			if (!parse_std_option(opt, NULL, help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
	if (optind < argc || !id)
		die_usage("give --dev ID");
	if (mode == MODE_IOCTL)
		batch = 1;
	else if (mode == MODE_MMAP)
		batch = 0;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		die("mmap: %s", strerror(errno));
	for (p = 0; p < procs; p++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (!pid)
			child(sh, (int)p, id, bar_idx, addr, mode, batch, secs, repeat);
	}
	while (sh->ready < procs && !sh->failed) {
		int st;

		if (waitpid(-1, &st, WNOHANG) > 0)
			sh->failed = 1;
		usleep(2000);
	}
	if (!sh->failed)
		sh->start = bench_now() + 0.2;
	while (wait(NULL) > 0)
		;
	if (sh->failed)
		die("%s: a reader process failed", id);
	for (k = 0; k < repeat; k++) {
		uint64_t sum = 0, mx = 0, mn = UINT64_MAX;

		for (p = 0; p < procs; p++) {
			uint64_t c = sh->count[p][k];

			sum += c;
			mx = c > mx ? c : mx;
			mn = c < mn ? c : mn;
		}
		ops[k] = sum / secs;
		/* a process that got no read in a window counts as one read */
		fair[k] = (double)mx / (mn ? mn : 1);
		minshare[k] = sum ? (double)mn * procs / sum : 0;
	}
	bench_json_begin(&j, "bar");
	bench_json_str(&j, "dev", id);
	bench_json_int(&j, "bar", bar_idx);
	bench_json_str(&j, "mode", mname);
	bench_json_int(&j, "batch", batch);
	bench_json_int(&j, "procs", procs);
	bench_json_arr(&j, "ops_per_s", ops, repeat);
	bench_json_arr(&j, "fairness_max_min", fair, repeat);
	bench_json_arr(&j, "min_share_of_fair", minshare, repeat);
	bench_json_end(&j);
	return 0;
}

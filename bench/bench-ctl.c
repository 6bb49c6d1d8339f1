// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench-ctl - the control path: ns per superpage for push -> ready -> pop
 * through the raw ioctls of uapi/linux/roc.h, no library in between.
 *
 * The simulated card runs in no-data mode (debugfs no_data = 1, set by the
 * caller), so that what is measured is the driver and the card protocol,
 * not the memory writes.  One cycle pushes --batch superpages of 32 KiB
 * in one ROC_PUSH and takes them back with ROC_POP (max = batch):
 *
 *   --mode ioctl   ROC_POP in a loop until all came back (busy polling)
 *   --mode poll    poll(POLLIN) before each ROC_POP (the kernel's timer,
 *                  roc.poll_interval_us, wakes the waiter)
 *
 * Reported per superpage, per repeat of --time seconds: wall-clock ns,
 * CPU ns of this process (user + system), system calls made, and the
 * driver's share: ns spent inside ROC_PUSH and inside the ROC_POP calls
 * that returned superpages, and the number of those calls.  Wall and CPU
 * time include waiting for the (simulated) card, and the CPU time of a
 * busy ROC_POP loop is its wall time; the time inside the productive
 * ioctls is what the driver costs per superpage whatever the card does.
 */
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/roc.h>

#include "bench.h"

#define SP_SIZE (32 * KiB)
#define MAX_BATCH 64
#define BUF_SIZE (2 * MiB)	/* one 2 MiB hugepage: 64 superpages */

struct ctl {
	int fd;			/* channel fd */
	uint32_t buf_id;
	unsigned int batch;
	bool use_poll;
	uint64_t syscalls;
	uint64_t work_calls;	/* ROC_PUSH and ROC_POP returning entries */
	double work_s;		/* time inside them */
	struct roc_superpage sp[MAX_BATCH];
	struct roc_ready rd[MAX_BATCH];
};

static void cycle(struct ctl *c)
{
	struct roc_push push = {
		.argsz = sizeof(push), .count = c->batch,
		.entries = (uintptr_t)c->sp,
	};
	unsigned int got = 0;
	double t0 = bench_now(), t1;

	c->syscalls++;
	if (ioctl(c->fd, ROC_PUSH, &push))
		die("ROC_PUSH of %u: %s (entry %u)", c->batch,
			  strerror(errno), push.done);
	c->work_s += bench_now() - t0;
	c->work_calls++;
	while (got < c->batch) {
		struct roc_pop pop = {
			.argsz = sizeof(pop), .max = c->batch - got,
			.entries = (uintptr_t)c->rd,
		};

		if (c->use_poll) {
			struct pollfd p = { .fd = c->fd, .events = POLLIN };

			c->syscalls++;
			if (poll(&p, 1, 5000) != 1)
				die("poll: %s", errno ? strerror(errno) :
					  "no superpage came back in 5 s");
		}
		c->syscalls++;
		t0 = bench_now();
		if (ioctl(c->fd, ROC_POP, &pop))
			die("ROC_POP: %s", strerror(errno));
		t1 = bench_now();
		if (pop.count) {
			c->work_s += t1 - t0;
			c->work_calls++;
		}
		for (unsigned int i = 0; i < pop.count; i++)
			if (!(c->rd[i].flags & ROC_READY_DONE))
				die("superpage %llu came back unfilled",
					  (unsigned long long)c->rd[i].cookie);
		got += pop.count;
	}
}

static void help(void)
{
	printf("Usage: %s --dev /dev/rocN [--channel N] [--batch B] [--mode ioctl|poll]\n"
	       "          [--time SECONDS] [--repeat R]\n"
	       "ns, CPU ns and syscalls per superpage for push -> ready -> pop\n"
	       "(run the simulated card in no-data mode).  Prints one JSON line.\n"
	       "Exit 0 ok, 1 error, 2 usage.\n", get_prog_name());
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "dev", required_argument, NULL, 'd' },
		{ "channel", required_argument, NULL, 'c' },
		{ "batch", required_argument, NULL, 'b' },
		{ "mode", required_argument, NULL, 'm' },
		{ "time", required_argument, NULL, 't' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	double wall[BENCH_MAX_SAMPLES], cpu[BENCH_MAX_SAMPLES],
	       sys[BENCH_MAX_SAMPLES], work[BENCH_MAX_SAMPLES],
	       wcalls[BENCH_MAX_SAMPLES];
	struct ctl c = { .batch = 1 };
	const char *dev = NULL;
	unsigned int channel = 0;
	double secs = 1.0;
	long repeat = 5, k;
	struct roc_channel_open co = { .argsz = sizeof(co) };
	struct roc_buffer_reg reg = { .argsz = sizeof(reg) };
	struct roc_dma_start st = { .argsz = sizeof(st), .source = ROC_SOURCE_INTERNAL };
	struct bench_json j;
	void *mem;
	int opt, dfd;

	set_prog_name(argv[0]);
	while ((opt = getopt_long(argc, argv, "+:hv", lo, NULL)) >= 0) {
		switch (opt) {
		case 'd': dev = optarg; break;
		case 'c': channel = bench_long("--channel", optarg, 0, 5); break;
		case 'b': c.batch = bench_long("--batch", optarg, 1, MAX_BATCH); break;
		case 'm':
			if (!strcmp(optarg, "poll"))
				c.use_poll = true;
			else if (strcmp(optarg, "ioctl"))
				die_usage("--mode: \"%s\" is not ioctl or poll", optarg);
			break;
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
	if (optind < argc || !dev)
		die_usage("give --dev /dev/rocN");

	dfd = open(dev, O_RDWR | O_CLOEXEC);
	if (dfd < 0)
		die("%s: %s", dev, strerror(errno));
	co.channel = channel;
	if (ioctl(dfd, ROC_CHANNEL_OPEN, &co) < 0)
		die("%s: ROC_CHANNEL_OPEN %u: %s", dev, channel, strerror(errno));
	c.fd = co.fd;
	mem = mmap(NULL, BUF_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_POPULATE, -1, 0);
	if (mem == MAP_FAILED)
		die("no 2 MiB hugepage (vm.nr_hugepages): %s", strerror(errno));
	reg.addr = (uintptr_t)mem;
	reg.size = BUF_SIZE;
	if (ioctl(c.fd, ROC_BUFFER_REGISTER, &reg))
		die("%s: ROC_BUFFER_REGISTER: %s", dev, strerror(errno));
	c.buf_id = reg.id;
	for (unsigned int i = 0; i < c.batch; i++)
		c.sp[i] = (struct roc_superpage){
			.buf_id = c.buf_id, .offset = i * SP_SIZE,
			.size = SP_SIZE, .cookie = i,
		};
	if (ioctl(c.fd, ROC_DMA_START, &st))
		die("%s: ROC_DMA_START: %s", dev, strerror(errno));

	for (int w = 0; w < 100; w++)	/* warm up */
		cycle(&c);
	for (k = 0; k < repeat; k++) {
		double t0 = bench_now(), c0 = bench_cpu(), t;
		uint64_t n = 0, s0 = c.syscalls, w0 = c.work_calls;
		double ws0 = c.work_s;

		do {
			cycle(&c);
			n += c.batch;
			t = bench_now();
		} while (t - t0 < secs);
		wall[k] = (t - t0) / n * 1e9;
		cpu[k] = (bench_cpu() - c0) / n * 1e9;
		sys[k] = (double)(c.syscalls - s0) / n;
		work[k] = (c.work_s - ws0) / n * 1e9;
		wcalls[k] = (double)(c.work_calls - w0) / n;
	}
	if (ioctl(c.fd, ROC_DMA_STOP,
		  &(struct roc_dma_stop){ .argsz = sizeof(struct roc_dma_stop) }))
		die("%s: ROC_DMA_STOP: %s", dev, strerror(errno));

	bench_json_begin(&j, "ctl");
	bench_json_str(&j, "dev", dev);
	bench_json_str(&j, "mode", c.use_poll ? "poll" : "ioctl");
	bench_json_int(&j, "batch", c.batch);
	bench_json_int(&j, "superpage_size", SP_SIZE);
	bench_json_arr(&j, "ns_per_sp", wall, repeat);
	bench_json_arr(&j, "cpu_ns_per_sp", cpu, repeat);
	bench_json_arr(&j, "syscalls_per_sp", sys, repeat);
	bench_json_arr(&j, "ioctl_ns_per_sp", work, repeat);
	bench_json_arr(&j, "ioctls_per_sp", wcalls, repeat);
	bench_json_end(&j);
	close(c.fd);
	close(dfd);
	munmap(mem, BUF_SIZE);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench-reg - time to register and deregister a DMA buffer, against the
 * baselines of the same memory:
 *
 *   --dev /dev/rocN --channel C   ROC_BUFFER_REGISTER / _UNREGISTER on a
 *                                 channel fd (any roc endpoint: simulated,
 *                                 or a real device behind an IOMMU)
 *   --vfio-group N                VFIO_IOMMU_MAP_DMA / _UNMAP_DMA of the
 *                                 same buffer in a type1 container holding
 *                                 /dev/vfio/N
 *   (always)                      mmap + populate of the buffer, and munmap
 *
 * The buffer (--size, default 1 GiB) is anonymous memory of --pages 4k
 * (with MADV_NOHUGEPAGE: really 4 KiB pages), 2m or 1g (MAP_HUGETLB).  It
 * is allocated and populated once, then registered (mapped) and
 * deregistered (unmapped) --repeat times.  One JSON line per target.
 *
 * --memfd: the buffer is a memfd instead (MFD_HUGETLB for 2m and 1g,
 * shmem for 4k), mapped MAP_SHARED, and roc registers the file
 * (ROC_BUFFER_REG_MEMFD: one pin per folio); VFIO maps the same memory by
 * address, as it only can.
 */
#include <fcntl.h>
#include <getopt.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/roc.h>
#include <linux/vfio.h>

#include "bench.h"

#ifndef MAP_HUGE_SHIFT
#define MAP_HUGE_SHIFT 26
#endif
#ifndef MAP_HUGE_2MB
#define MAP_HUGE_2MB (21 << MAP_HUGE_SHIFT)
#endif
#ifndef MAP_HUGE_1GB
#define MAP_HUGE_1GB (30 << MAP_HUGE_SHIFT)
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
#ifndef MFD_HUGETLB
#define MFD_HUGETLB 0x0004U
#endif

static uint64_t size = 1 * GiB;
static const char *pages = "4k";
static bool use_memfd;
static int memfd = -1;

/* A memfd of @size of the chosen pages, mapped shared; memfd keeps it. */
static void *map_memfd(void)
{
	unsigned int fl = MFD_CLOEXEC;
	void *p;

	if (!strcmp(pages, "2m"))
		fl |= MFD_HUGETLB | (21U << MAP_HUGE_SHIFT);
	else if (!strcmp(pages, "1g"))
		fl |= MFD_HUGETLB | (30U << MAP_HUGE_SHIFT);
	memfd = memfd_create("bench-reg", fl);
	if (memfd < 0)
		die("memfd_create (%s pages): %s", pages, strerror(errno));
	if (ftruncate(memfd, (off_t)size))
		die("ftruncate of the memfd to %" PRIu64 " bytes: %s", size,
		    strerror(errno));
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
	if (p == MAP_FAILED)
		die("cannot map %" PRIu64 " bytes of a %s memfd: %s (hugepages reserved?)",
		    size, pages, strerror(errno));
	return p;
}

/* Unmap the buffer (and close its memfd). */
static void free_buf(void *p)
{
	munmap(p, size);
	if (memfd >= 0)
		close(memfd);
	memfd = -1;
}

/* Map (and with @populate, fault in) the buffer; @secs gets the time. */
static void *alloc_buf(bool populate, double *secs)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS;
	double t0 = bench_now();
	void *p;

	if (!strcmp(pages, "2m"))
		flags |= MAP_HUGETLB | MAP_HUGE_2MB;
	else if (!strcmp(pages, "1g"))
		flags |= MAP_HUGETLB | MAP_HUGE_1GB;
	if (use_memfd)
		p = map_memfd();
	else
		p = mmap(NULL, size, PROT_READ | PROT_WRITE, flags, -1, 0);
	if (p == MAP_FAILED)
		die("cannot map %" PRIu64 " bytes of %s pages: %s (hugepages reserved?)",
			  size, pages, strerror(errno));
	if (!strcmp(pages, "4k") && madvise(p, size, MADV_NOHUGEPAGE))
		die("madvise(MADV_NOHUGEPAGE): %s", strerror(errno));
	if (populate && madvise(p, size, MADV_POPULATE_WRITE))
		die("madvise(MADV_POPULATE_WRITE): %s", strerror(errno));
	*secs = bench_now() - t0;
	return p;
}

static void help(void)
{
	printf("Usage: %s [--dev /dev/rocN [--channel C] | --vfio-group N]\n"
	       "          [--size SIZE] [--pages 4k|2m|1g] [--memfd] [--repeat R]\n"
	       "Time to register/deregister a buffer with roc or VFIO, and to\n"
	       "mmap+populate it.  Prints JSON lines.  Exit 0 ok, 1 error, 2 usage.\n",
	       get_prog_name());
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "dev", required_argument, NULL, 'd' },
		{ "channel", required_argument, NULL, 'c' },
		{ "vfio-group", required_argument, NULL, 'g' },
		{ "size", required_argument, NULL, 's' },
		{ "pages", required_argument, NULL, 'p' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "memfd", no_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	double mm[BENCH_MAX_SAMPLES], um[BENCH_MAX_SAMPLES],
	       reg_s[BENCH_MAX_SAMPLES], unreg_s[BENCH_MAX_SAMPLES];
	const char *dev = NULL;
	unsigned int channel = 0;
	long group = -1, repeat = 3, k;
	struct bench_json j;
	uint32_t nr_seg = 0;
	uint64_t max_seg = 0;
	void *buf;
	double t;
	int opt;

	set_prog_name(argv[0]);
	while ((opt = getopt_long(argc, argv, "+:hv", lo, NULL)) >= 0) {
		switch (opt) {
		case 'd': dev = optarg; break;
		case 'c': channel = bench_long("--channel", optarg, 0, 5); break;
		case 'g': group = bench_long("--vfio-group", optarg, 0, 1 << 20); break;
		case 's': size = bench_size("--size", optarg); break;
		case 'p':
			if (strcmp(optarg, "4k") && strcmp(optarg, "2m") &&
			    strcmp(optarg, "1g"))
				die_usage("--pages: \"%s\" is not 4k, 2m or 1g", optarg);
			pages = optarg;
			break;
		case 'm': use_memfd = true; break;
		case 'r':
			repeat = bench_long("--repeat", optarg, 1, BENCH_MAX_SAMPLES);
			break;
		default:
			if (!parse_std_option(opt, NULL, help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
	if (optind < argc || (dev && group >= 0))
		die_usage("give --dev or --vfio-group, or neither (baseline only)");
	if (!size || size % (!strcmp(pages, "1g") ? GiB : !strcmp(pages, "2m") ? 2 * MiB : 4096))
		die_usage("--size is not a multiple of the page size");

	/* Baseline: mmap + populate, munmap. */
	for (k = 0; k < repeat; k++) {
		buf = alloc_buf(true, &mm[k]);
		t = bench_now();
		free_buf(buf);
		um[k] = bench_now() - t;
	}
	bench_json_begin(&j, "mmap_populate");
	bench_json_str(&j, "pages", pages);
	bench_json_int(&j, "memfd", use_memfd);
	bench_json_int(&j, "size", (long long)size);
	bench_json_arr(&j, "map_s", mm, repeat);
	bench_json_arr(&j, "unmap_s", um, repeat);
	bench_json_end(&j);

	if (!dev && group < 0)
		return 0;
	buf = alloc_buf(true, &t);

	if (dev) {
		struct roc_channel_open co = { .argsz = sizeof(co), .channel = channel };
		int dfd = open(dev, O_RDWR | O_CLOEXEC), cfd;

		if (dfd < 0)
			die("%s: %s", dev, strerror(errno));
		cfd = ioctl(dfd, ROC_CHANNEL_OPEN, &co);
		if (cfd < 0)
			die("%s: ROC_CHANNEL_OPEN %u: %s", dev, channel, strerror(errno));
		for (k = 0; k < repeat; k++) {
			struct roc_buffer_reg r = {
				.argsz = sizeof(r), .addr = (uintptr_t)buf, .size = size,
			};

			if (use_memfd) {
				r.flags = ROC_BUFFER_REG_MEMFD;
				r.memfd = memfd;
				r.addr = 0;
			}
			struct roc_buffer_unreg u = { .argsz = sizeof(u) };

			t = bench_now();
			if (ioctl(cfd, ROC_BUFFER_REGISTER, &r))
				die("%s: ROC_BUFFER_REGISTER of %" PRIu64 " bytes of %s pages: %s",
					  dev, size, pages, strerror(errno));
			reg_s[k] = bench_now() - t;
			nr_seg = r.nr_segments;
			max_seg = r.max_segment;
			u.id = r.id;
			t = bench_now();
			if (ioctl(cfd, ROC_BUFFER_UNREGISTER, &u))
				die("%s: ROC_BUFFER_UNREGISTER: %s", dev, strerror(errno));
			unreg_s[k] = bench_now() - t;
		}
		close(cfd);
		close(dfd);
		bench_json_begin(&j, "register");
		bench_json_str(&j, "dev", dev);
		bench_json_int(&j, "channel", channel);
	} else {
		char path[64];
		int cfd = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC), gfd;
		struct vfio_group_status gs = { .argsz = sizeof(gs) };

		if (cfd < 0)
			die("/dev/vfio/vfio: %s", strerror(errno));
		if (ioctl(cfd, VFIO_GET_API_VERSION) != VFIO_API_VERSION ||
		    ioctl(cfd, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) <= 0)
			die("VFIO: no type1v2 IOMMU");
		snprintf(path, sizeof(path), "/dev/vfio/%ld", group);
		gfd = open(path, O_RDWR | O_CLOEXEC);
		if (gfd < 0)
			die("%s: %s", path, strerror(errno));
		if (ioctl(gfd, VFIO_GROUP_GET_STATUS, &gs) ||
		    !(gs.flags & VFIO_GROUP_FLAGS_VIABLE))
			die("%s: group not viable (bind all its devices to vfio-pci)", path);
		if (ioctl(gfd, VFIO_GROUP_SET_CONTAINER, &cfd) ||
		    ioctl(cfd, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU))
			die("%s: cannot set up a type1 container: %s", path,
				  strerror(errno));
		for (k = 0; k < repeat; k++) {
			struct vfio_iommu_type1_dma_map m = {
				.argsz = sizeof(m),
				.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
				.vaddr = (uintptr_t)buf, .iova = 0, .size = size,
			};
			struct vfio_iommu_type1_dma_unmap u = {
				.argsz = sizeof(u), .iova = 0, .size = size,
			};

			t = bench_now();
			if (ioctl(cfd, VFIO_IOMMU_MAP_DMA, &m))
				die("VFIO_IOMMU_MAP_DMA of %" PRIu64 " bytes: %s", size,
					  strerror(errno));
			reg_s[k] = bench_now() - t;
			t = bench_now();
			if (ioctl(cfd, VFIO_IOMMU_UNMAP_DMA, &u) || u.size != size)
				die("VFIO_IOMMU_UNMAP_DMA: %s", strerror(errno));
			unreg_s[k] = bench_now() - t;
		}
		nr_seg = 1;	/* one IOVA range */
		max_seg = size;
		close(gfd);
		close(cfd);
		bench_json_begin(&j, "vfio");
		bench_json_int(&j, "group", group);
	}
	bench_json_str(&j, "pages", pages);
	bench_json_int(&j, "memfd", use_memfd);
	bench_json_int(&j, "size", (long long)size);
	bench_json_int(&j, "nr_segments", nr_seg);
	bench_json_int(&j, "max_segment", (long long)max_seg);
	bench_json_arr(&j, "register_s", reg_s, repeat);
	bench_json_arr(&j, "deregister_s", unreg_s, repeat);
	bench_json_end(&j);
	free_buf(buf);
	return 0;
}

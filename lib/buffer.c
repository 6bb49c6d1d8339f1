// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - DMA buffers: hugepage memfds (1 GiB or 2 MiB pages, no
 * hugetlbfs mount needed) bound to the endpoint's NUMA node with libnuma,
 * populated, and registered with ROC_BUFFER_REGISTER: by memfd
 * (ROC_BUFFER_REG_MEMFD, one pin per folio) where the kernel has it, else
 * by address.
 */
#include <errno.h>
#include <numa.h>
#include <numaif.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/roc.h>

#include "internal.h"

#ifndef MFD_HUGETLB
#define MFD_HUGETLB 0x0004U
#endif
#ifndef MFD_HUGE_2MB
#define MFD_HUGE_2MB (21U << 26)
#endif
#ifndef MFD_HUGE_1GB
#define MFD_HUGE_1GB (30U << 26)
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

#define ROC_2M (2UL << 20)
#define ROC_1G (1UL << 30)

struct roc_buffer {
	void *addr;
	size_t size;
	size_t page_size;
	int numa_node;
	int memfd;	/* kept open for ROC_BUFFER_REG_MEMFD */
};

/* Map a memfd of @size with @mfd_flags; bind and populate it. */
static int roc_buffer_map(size_t size, unsigned int mfd_flags, int node,
			  void **addrp, int *boundp, int *fdp)
{
	void *p;
	int fd, ret;

	*boundp = -1;
	fd = memfd_create("roc-dma", MFD_CLOEXEC | mfd_flags);
	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)size)) {
		ret = -errno;
		close(fd);
		return ret;
	}
	/* hugetlb: the reservation is made here, ENOMEM if pages lack */
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ret = p == MAP_FAILED ? -errno : 0;
	if (ret) {
		close(fd);
		return ret;
	}
	if (node >= 0 && numa_available() >= 0 && node <= numa_max_node()) {
		numa_tonode_memory(p, size, node);
		*boundp = node;
	}
	/* Populate: an error rather than SIGBUS if pages run out. */
	if (madvise(p, size, MADV_POPULATE_WRITE)) {
		ret = -errno;
		if (ret == -EINVAL) {
			/* kernel before 5.14: touch every page */
			size_t step = (size_t)sysconf(_SC_PAGESIZE), off;

			for (off = 0; off < size; off += step)
				((volatile char *)p)[off] = 0;
			ret = 0;
		}
		if (ret) {
			munmap(p, size);
			close(fd);
			return ret;
		}
	}
	*addrp = p;
	*fdp = fd;
	return 0;
}

ROC_API int roc_buffer_alloc(size_t size, int numa_node, int flags,
			     struct roc_buffer **bufp)
{
	size_t small = (size_t)sysconf(_SC_PAGESIZE);
	struct roc_buffer *buf;
	int ret = -EINVAL, bound = -1, fd = -1;
	void *p = NULL;

	*bufp = NULL;
	if (!size || size % small ||
	    (size % ROC_2M && !(flags & ROC_BUFFER_ALLOW_SMALL_PAGES)))
		return roc_err(-EINVAL, "DMA buffer of %zu bytes: the size must be a non-zero multiple of 2 MiB",
			       size);
	buf = calloc(1, sizeof(*buf));
	if (!buf)
		return roc_err(-ENOMEM, "out of memory");
	if (size % ROC_1G == 0) {
		ret = roc_buffer_map(size, MFD_HUGETLB | MFD_HUGE_1GB,
				     numa_node, &p, &bound, &fd);
		buf->page_size = ROC_1G;
	}
	if (ret && size % ROC_2M == 0) {
		ret = roc_buffer_map(size, MFD_HUGETLB | MFD_HUGE_2MB,
				     numa_node, &p, &bound, &fd);
		buf->page_size = ROC_2M;
	}
	if (ret && (flags & ROC_BUFFER_ALLOW_SMALL_PAGES)) {
		ret = roc_buffer_map(size, 0, numa_node, &p, &bound, &fd);
		buf->page_size = small;
	}
	if (ret) {
		free(buf);
		if (ret == -ENOMEM || ret == -EINVAL)
			return roc_err(-ENOMEM, "cannot allocate a DMA buffer of %zu MiB: not enough %s hugepages (see /proc/meminfo; nr_hugepages under /sys/kernel/mm/hugepages)",
				       size >> 20,
				       size % ROC_1G == 0 ? "1 GiB or 2 MiB" : "2 MiB");
		return roc_err_errno(ret, "cannot allocate a DMA buffer of %zu bytes",
				     size);
	}
	buf->addr = p;
	buf->size = size;
	buf->numa_node = bound;
	buf->memfd = fd;
	*bufp = buf;
	return 0;
}

ROC_API void roc_buffer_free(struct roc_buffer *buf)
{
	if (!buf)
		return;
	munmap(buf->addr, buf->size);
	close(buf->memfd);
	free(buf);
}

ROC_API void *roc_buffer_get_addr(const struct roc_buffer *buf)
{
	return buf->addr;
}

ROC_API size_t roc_buffer_get_size(const struct roc_buffer *buf)
{
	return buf->size;
}

ROC_API size_t roc_buffer_get_page_size(const struct roc_buffer *buf)
{
	return buf->page_size;
}

ROC_API int roc_buffer_get_numa_node(const struct roc_buffer *buf)
{
	return buf->numa_node;
}

ROC_API int roc_buffer_register(struct roc_channel *ch,
				const struct roc_buffer *buf, uint32_t *idp,
				struct roc_buffer_segments *seg)
{
	struct roc_buffer_reg reg = {
		.argsz = sizeof(reg), .addr = (uintptr_t)buf->addr,
		.size = buf->size,
	};
	const char *label = roc_card_get_label(roc_channel_get_card(ch));
	struct roc_buffer_segments out = ROC_STRUCT_INIT(out);
	int ret;

	/* Check the caller's struct before anything is registered. */
	if (seg && seg->size < sizeof(out))
		return roc_struct_out(seg, &out, sizeof(out), sizeof(out),
				      "roc_buffer_segments");
	/*
	 * The memfd's folios, one pin each; a kernel before 6.11 (or without
	 * the flag) registers the mapping instead.
	 */
	reg.flags = ROC_BUFFER_REG_MEMFD;
	reg.memfd = buf->memfd;
	reg.addr = 0;
	ret = ioctl(roc_channel_get_fd(ch), ROC_BUFFER_REGISTER, &reg) ? -errno : 0;
	if (ret == -EOPNOTSUPP || ret == -EINVAL || ret == -E2BIG) {
		reg.argsz = sizeof(reg);
		reg.flags = 0;
		reg.memfd = 0;
		reg.addr = (uintptr_t)buf->addr;
		ret = ioctl(roc_channel_get_fd(ch), ROC_BUFFER_REGISTER, &reg) ? -errno : 0;
	}
	if (ret) {
		if (ret == -ENOMEM)
			return roc_err(ret, "%s: cannot register a DMA buffer of %zu MiB: RLIMIT_MEMLOCK too low or out of memory",
				       label, buf->size >> 20);
		if (ret == -ENOSPC)
			return roc_err(ret, "%s: too many DMA buffers registered on channel %u",
				       label, roc_channel_get_number(ch));
		return roc_err_errno(ret, "%s: cannot register a DMA buffer of %zu bytes",
				     label, buf->size);
	}
	*idp = reg.id;
	if (seg) {
		out.nr_segments = reg.nr_segments;
		out.max_segment = reg.max_segment;
		out.numa_node = reg.numa_node;
		roc_struct_out(seg, &out, sizeof(out), sizeof(out),
			       "roc_buffer_segments");
	}
	return 0;
}

ROC_API int roc_buffer_unregister(struct roc_channel *ch, uint32_t id)
{
	struct roc_buffer_unreg u = { .argsz = sizeof(u), .id = id };
	const char *label = roc_card_get_label(roc_channel_get_card(ch));

	if (!ioctl(roc_channel_get_fd(ch), ROC_BUFFER_UNREGISTER, &u))
		return 0;
	if (errno == EBUSY)
		return roc_err(-EBUSY, "%s: DMA buffer %u still has superpages in flight",
			       label, id);
	return roc_err_errno(-errno, "%s: cannot unregister DMA buffer %u",
			     label, id);
}

// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-flash - write a firmware image or the serial number to a C-RORC's
 * flash through its MTD device (docs/hardware.md P2-5.5: o2-roc-flash
 * --id ID --file PATH | --serial N).
 *
 * --file: one word per line, decimal (as the old tool read it); the
 * blocks it covers in "rocK C-RORC firmware" are erased, written and read
 * back.  --serial: "S/N: %05d" at byte 28 of the serial block, the rest
 * of its 64 bytes kept; the serial partition is read-only unless roc.ko's
 * flash_serial_writable was set when the card appeared.  Needs
 * CAP_SYS_ADMIN.  An interrupted run is recovered by running it again.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <mtd/mtd-user.h>

#include "common.h"

#define FW_WORDS	0x460000u
#define BLOCK_BYTES	0x20000u
#define SERIAL_TEXT	64
#define SERIAL_AT	28

struct config {
	const char *id;
	const char *file;
	uint32_t serial;
	bool have_serial;
};

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-i, --id=ID", "card: PCI address ([dddd:]bb:ss.f), #N (roc-list-cards),\n"
				 "SERIAL[:ENDPOINT], rocN, a /dev path or roc_sim:C.E" },
		{ "-f, --file=PATH", "firmware image: one word per line, decimal" },
		{ "-s, --serial=N", "write the serial number N (0-99999)" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS] --id=ID (--file=PATH | --serial=N)\n",
	       get_prog_name());
	printf("\nWrite a firmware image or the serial number to a C-RORC's flash through\n"
	       "its MTD device (flashcp works on it too).  Needs CAP_SYS_ADMIN; the card\n"
	       "runs the new firmware after a reboot.  The serial partition is read-only\n"
	       "unless roc.ko's flash_serial_writable was set when the card appeared.\n"
	       "An interrupted write is recovered by writing again.\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
}

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "file",	required_argument,	NULL,	'f' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "id",		required_argument,	NULL,	'i' },
		{ "serial",	required_argument,	NULL,	's' },
		{ "version",	no_argument,		NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "+:f:hi:s:v", longopts, NULL)) >= 0) {
		switch (opt) {
		case 'f':
			cfg->file = optarg;
			break;
		case 'i':
			cfg->id = optarg;
			break;
		case 's':
			cfg->serial = parse_value_or_die("--serial", optarg, 99999);
			cfg->have_serial = true;
			break;
		default:
			if (!parse_std_option(opt, NULL, print_help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
	if (!cfg->id)
		die_usage("no card given (--id)");
	if (!cfg->file == !cfg->have_serial)
		die_usage("give one of --file and --serial");
}

/* The image as little-endian words; dies on a bad line. */
static uint8_t *read_image(const char *label, const char *file, size_t *len)
{
	size_t n = 0, cap = 4096, lineno = 0;
	uint8_t *buf = malloc(cap);
	char line[64], *end;
	FILE *f = fopen(file, "r");
	long v;

	if (!f)
		die("%s: %s: %s", label, file, strerror(errno));
	if (!buf)
		die("%s: %s", label, strerror(ENOMEM));
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (line[strspn(line, " \t\r\n")] == 0)
			continue;
		errno = 0;
		v = strtol(line, &end, 10);
		if (errno || end == line || end[strspn(end, " \t\r\n")] ||
		    v < -32768 || v > 65535)
			die("%s: %s:%zu: not a 16-bit decimal word (%s)", label,
			    file, lineno, strerror(EINVAL));
		if (n / 2 >= FW_WORDS)
			die("%s: %s: more than 0x%x words (%s)", label, file,
			    FW_WORDS, strerror(EFBIG));
		if (n + 2 > cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				die("%s: %s", label, strerror(ENOMEM));
		}
		buf[n++] = (uint16_t)v & 0xff;
		buf[n++] = (uint16_t)v >> 8;
	}
	if (ferror(f))
		die("%s: %s: %s", label, file, strerror(errno));
	fclose(f);
	if (!n)
		die("%s: %s: no words (%s)", label, file, strerror(EINVAL));
	*len = n;
	return buf;
}

/* Erase the blocks of [0, @len), write @buf there, read it back. */
static void program(const char *label, const char *path, const uint8_t *buf,
		    size_t len)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	struct erase_info_user e;
	uint8_t *back;
	ssize_t r;

	if (fd < 0)
		die("%s: %s: %s%s", label, path, strerror(errno),
		    errno == EACCES ?
		    " (a read-only partition, or not root)" : "");
	e.start = 0;
	e.length = (len + BLOCK_BYTES - 1) / BLOCK_BYTES * BLOCK_BYTES;
	if (ioctl(fd, MEMERASE, &e))
		die("%s: %s: erase: %s", label, path, strerror(errno));
	r = pwrite(fd, buf, len, 0);
	if (r < 0)
		die("%s: %s: write: %s", label, path, strerror(errno));
	if ((size_t)r != len)
		die("%s: %s: short write (%zd of %zu bytes)", label, path, r, len);
	back = malloc(len);
	if (!back)
		die("%s: %s", label, strerror(ENOMEM));
	r = pread(fd, back, len, 0);
	if (r != (ssize_t)len || memcmp(back, buf, len))
		die("%s: %s: the flash does not read back what was written (%s)",
		    label, path, strerror(EIO));
	free(back);
	close(fd);
}

int main(int argc, char **argv)
{
	const struct roc_card_info *info;
	struct config cfg = { 0 };
	struct roc_card_id *id;
	struct roc_card *card;
	char name[96], path[64], label[128];
	uint8_t *buf;
	size_t len;
	int fd;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);

	id = parse_card_id_or_die(cfg.id);
	if (roc_card_open_id(id, 0, &card))
		die_lib();
	roc_card_id_free(id);
	info = roc_card_get_info(card);
	snprintf(label, sizeof(label), "%s", roc_card_get_label(card));
	if (roc_card_info_get_type(info) != ROC_TYPE_CRORC)
		die("%s: not a C-RORC: only a C-RORC has this flash (%s)",
		    label, strerror(EOPNOTSUPP));
	snprintf(name, sizeof(name), "%s C-RORC %s",
		 roc_card_info_get_name(info), cfg.file ? "firmware" : "serial");
	roc_card_close(card);
	if (find_mtd(name, path, sizeof(path)))
		die("%s: no MTD device \"%s\" (is the mtd module loaded?) (%s)",
		    label, name, strerror(ENODEV));

	if (cfg.file) {
		buf = read_image(label, cfg.file, &len);
	} else {
		char text[16];

		len = SERIAL_TEXT;
		buf = malloc(len);
		if (!buf)
			die("%s: %s", label, strerror(ENOMEM));
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || pread(fd, buf, len, 0) != (ssize_t)len)
			die("%s: %s: %s", label, path, strerror(errno));
		close(fd);
		snprintf(text, sizeof(text), "S/N: %05" PRIu32, cfg.serial);
		memcpy(buf + SERIAL_AT, text, strlen(text));
	}
	program(label, path, buf, len);
	free(buf);
	printf("%s: wrote %zu bytes to %s (%s); reboot the card to load new firmware\n",
	       label, len, path, name);
	return EXIT_SUCCESS;
}

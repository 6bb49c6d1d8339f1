// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-flash-read - read words of a C-RORC's flash through its MTD device
 * (docs/hardware.md P2-5.5: o2-roc-flash-read --id ID --address A
 * --words N, one "%5u  %d" line per word: the value and the ready flag).
 *
 * The kernel drives the flash (kernel/crorc_flash.c); this reads
 * /dev/mtdN of the card's "rocK C-RORC firmware" or "rocK C-RORC serial"
 * partition, found by name in /sys/class/mtd.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

#define FW_WORDS	0x460000u
#define SERIAL_WORD	0x470000u
#define BLOCK_WORDS	0x10000u
#define OLD_PREFIX	0x01000000u

struct config {
	const char *id;
	uint32_t address;
	uint32_t words;
	bool have_words;
	bool json;
};

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-i, --id=ID", "card: PCI address ([dddd:]bb:ss.f), #N (roc-list-cards),\n"
				 "SERIAL[:ENDPOINT], rocN, a /dev path or roc_sim:C.E" },
		{ "-a, --address=A", "first flash word (default 0); the old 0x01000000\n"
				     "prefix is accepted" },
		{ "-w, --words=N", "number of 16-bit words to read (required)" },
		{ "-j, --json", "print the words as JSON" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS] --id=ID --words=N [--address=A]\n",
	       get_prog_name());
	printf("\nRead 16-bit words of a C-RORC's flash through its MTD device and print\n"
	       "each as \"VALUE  READY\".  Words 0x000000-0x45FFFF are the firmware,\n"
	       "0x470000-0x47FFFF the serial block.\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
}

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "address",	required_argument,	NULL,	'a' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "id",		required_argument,	NULL,	'i' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "version",	no_argument,		NULL,	'v' },
		{ "words",	required_argument,	NULL,	'w' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "+:a:hi:jvw:", longopts, NULL)) >= 0) {
		switch (opt) {
		case 'a':
			cfg->address = parse_value_or_die("--address", optarg,
							  OLD_PREFIX + SERIAL_WORD +
							  BLOCK_WORDS - 1);
			if (cfg->address >= OLD_PREFIX)
				cfg->address -= OLD_PREFIX;
			break;
		case 'i':
			cfg->id = optarg;
			break;
		case 'w':
			cfg->words = parse_value_or_die("--words", optarg,
							SERIAL_WORD + BLOCK_WORDS);
			cfg->have_words = true;
			break;
		default:
			if (!parse_std_option(opt, &cfg->json, print_help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
	if (!cfg->id)
		die_usage("no card given (--id)");
	if (!cfg->have_words)
		die_usage("no word count given (--words)");
}

int main(int argc, char **argv)
{
	const struct roc_card_info *info;
	struct config cfg = { 0 };
	struct roc_card_id *id;
	struct roc_card *card;
	char name[96], path[64], label[128];
	const char *part;
	uint32_t base, end, i;
	uint8_t *buf;
	ssize_t got;
	int fd;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);

	end = cfg.address + cfg.words;
	if (cfg.address < FW_WORDS && end <= FW_WORDS) {
		part = "firmware";
		base = 0;
	} else if (cfg.address >= SERIAL_WORD &&
		   end <= SERIAL_WORD + BLOCK_WORDS) {
		part = "serial";
		base = SERIAL_WORD;
	} else {
		die_usage("words 0x%x-0x%x are not within the firmware (0x0-0x45ffff) or the serial block (0x470000-0x47ffff)",
			  cfg.address, end - 1);
	}

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
		 roc_card_info_get_name(info), part);
	roc_card_close(card);
	if (find_mtd(name, path, sizeof(path)))
		die("%s: no MTD device \"%s\" (is the mtd module loaded?) (%s)",
		    label, name, strerror(ENODEV));

	buf = malloc(2 * (size_t)cfg.words + 1);
	if (!buf)
		die("%s: %s", label, strerror(ENOMEM));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die("%s: %s: %s", label, path, strerror(errno));
	got = pread(fd, buf, 2 * (size_t)cfg.words,
		    2 * (off_t)(cfg.address - base));
	if (got < 0)
		die("%s: reading %s: %s", label, path, strerror(errno));
	if (got != 2 * (ssize_t)cfg.words)
		die("%s: reading %s: short read (%zd bytes)", label, path, got);
	close(fd);

	if (cfg.json) {
		json_object *o = json_object_new_object();
		json_object *a = json_object_new_array();

		json_object_object_add(o, "id", json_object_new_string(cfg.id));
		json_object_object_add(o, "mtd", json_object_new_string(path));
		json_object_object_add(o, "address",
				       json_object_new_int64(cfg.address));
		for (i = 0; i < cfg.words; i++)
			json_object_array_add(a, json_object_new_int(buf[2 * i] |
								     buf[2 * i + 1] << 8));
		json_object_object_add(o, "words", a);
		print_json(o, false);
	} else {
		/* the ready flag: the kernel checked it, a word read is ready */
		for (i = 0; i < cfg.words; i++)
			printf("%5u  %d\n", (unsigned int)(buf[2 * i] |
							 buf[2 * i + 1] << 8), 1);
	}
	free(buf);
	return EXIT_SUCCESS;
}

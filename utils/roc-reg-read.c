// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-reg-read - read one 32-bit register of a BAR.
 */
#include <stdio.h>
#include <stdlib.h>

#include "reg-common.h"

static void print_help(void)
{
	printf("Usage: %s [OPTIONS] --id=ID --address=ADDR\n", get_prog_name());
	printf("\nRead the 32-bit register at byte address ADDR of a BAR.\n");
	printf("Prints 0x<value>, or with --verbose\n"
	       "  0x<addr> => 0xhhhh.hhhh = 0b<bits> = <decimal>\n");
	printf("\nOptions:\n");
	print_options(reg_common_help, NULL);
}

int main(int argc, char **argv)
{
	struct reg_tool tool = { .print_help = print_help };
	struct reg_config cfg = { 0 };
	struct roc_card *card;
	struct roc_bar *bar;
	json_object *o;
	uint32_t value;

	set_prog_name(argv[0]);
	reg_parse_args(argc, argv, &cfg, &tool);
	reg_open(&cfg, true, &card, &bar);
	if (roc_bar_read(bar, cfg.address, &value))
		die_lib();

	if (cfg.json) {
		o = reg_json(&cfg, card);
		json_object_object_add(o, "value", json_object_new_int64(value));
		print_json(o, false);
	} else {
		reg_print_value(&cfg, value);
	}
	reg_close(card, bar);
	return EXIT_SUCCESS;
}

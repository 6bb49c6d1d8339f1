// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-reg-write - write one 32-bit register of a BAR and read it back.
 */
#include <stdio.h>
#include <stdlib.h>

#include "reg-common.h"

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "    --value=VALUE", "value to write, decimal or 0x hex (required)" },
		{ "    --noread", "do not read the register back" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS] --id=ID --address=ADDR --value=VALUE\n",
	       get_prog_name());
	printf("\nWrite VALUE to the 32-bit register at byte address ADDR of a BAR, then\n"
	       "read it back and print 0x<value> (--verbose: the verbose format).\n"
	       "Registers holding DMA addresses are protected: writing them needs\n"
	       "CAP_SYS_RAWIO.\n");
	printf("\nOptions:\n");
	print_options(reg_common_help, opts);
}

int main(int argc, char **argv)
{
	struct reg_tool tool = {
		.print_help = print_help,
		.flags = REG_NEED_VALUE | REG_OPT_NOREAD,
	};
	struct reg_config cfg = { 0 };
	struct roc_card *card;
	struct roc_bar *bar;
	uint32_t value = 0;
	json_object *o;

	set_prog_name(argv[0]);
	reg_parse_args(argc, argv, &cfg, &tool);
	reg_open(&cfg, false, &card, &bar);
	if (roc_bar_write(bar, cfg.address, cfg.value))
		die_lib();
	if (!cfg.noread && roc_bar_read(bar, cfg.address, &value))
		die_lib();

	if (cfg.json) {
		o = reg_json(&cfg, card);
		json_object_object_add(o, "written",
				       json_object_new_int64(cfg.value));
		if (!cfg.noread)
			json_object_object_add(o, "value",
					       json_object_new_int64(value));
		print_json(o, false);
	} else if (!cfg.noread) {
		reg_print_value(&cfg, value);
	}
	reg_close(card, bar);
	return EXIT_SUCCESS;
}

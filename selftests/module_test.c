// SPDX-License-Identifier: GPL-2.0
/*
 * module_test - roc.ko is loaded, its PCI driver and class are registered,
 * and its PCI ID table covers the cards of docs/hardware.md 1.1.
 *
 * ROC_KO names the module file that was loaded (set by selftests/run.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kselftest_harness.h"

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

TEST(module_live)
{
	char state[32] = "";
	FILE *f;

	f = fopen("/sys/module/roc/initstate", "r");
	ASSERT_NE(NULL, f) TH_LOG("roc.ko is not loaded");
	ASSERT_NE(NULL, fgets(state, sizeof(state), f));
	fclose(f);
	EXPECT_STREQ("live\n", state);
}

TEST(pci_driver_registered)
{
	EXPECT_TRUE(is_dir("/sys/bus/pci/drivers/roc"))
		TH_LOG("no PCI driver 'roc'");
	EXPECT_TRUE(is_dir("/sys/module/roc/drivers/pci:roc"));
}

TEST(class_registered)
{
	EXPECT_TRUE(is_dir("/sys/class/roc")) TH_LOG("no class 'roc'");
}

/* The module's aliases are the PCI IDs of its table. */
TEST(pci_ids)
{
	static const char *const want[] = {
		"pci:v000010DCd00000033sv*sd*bc*sc*i*",	/* C-RORC */
		"pci:v000010DCd00000034sv*sd*bc*sc*i*",	/* CRU */
		"pci:v00001172d0000E001sv*sd*bc*sc*i*",	/* CRU dev board */
	};
	const char *ko = getenv("ROC_KO");
	char cmd[512], line[256];
	unsigned int found = 0, i;
	int n = 0;
	FILE *p;

	ASSERT_NE(NULL, ko) TH_LOG("ROC_KO not set");
	snprintf(cmd, sizeof(cmd), "modinfo -F alias '%s'", ko);
	p = popen(cmd, "r");
	ASSERT_NE(NULL, p);
	while (fgets(line, sizeof(line), p)) {
		line[strcspn(line, "\n")] = 0;
		n++;
		for (i = 0; i < 3; i++)
			if (!strcmp(line, want[i]))
				found |= 1 << i;
	}
	EXPECT_EQ(0, pclose(p));
	EXPECT_EQ(3, n);
	EXPECT_EQ(7, found);
}

TEST_HARNESS_MAIN

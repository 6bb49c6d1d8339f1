# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# roc_helpers.sh - sourced by every selftests/*_test.sh (and roc-storm-lib.sh):
# the TAP helpers of ktap_helpers.sh, and the simulated cards:
#
#   card_dev ADDR             the /dev/rocN of the endpoint at bus address
#                             ADDR ("roc_sim:ID.EP" for a simulated card,
#                             "0000:3b:00.0" for a PCI one); nothing if none
#   sim_dev ID [EP]           card_dev "roc_sim:ID.EP" (EP 0 by default)
#   sim_new ID TYPE SERIAL    create simulated card ID (TYPE cru or crorc),
#                             remembered in the array sims
#   sim_del ID                delete it (and forget it)
#   sim_del_all               delete every card of sims (for EXIT traps)

# shellcheck source=selftests/ktap_helpers.sh
. "$(dirname "${BASH_SOURCE[0]}")/ktap_helpers.sh"

sims=()

card_dev() {
	local d a
	for d in /sys/class/roc/roc*; do
		read -r a <"$d/pci_address" 2>/dev/null || continue
		[ "$a" = "$1" ] && echo "/dev/${d##*/}"
	done
	return 0
}

sim_dev() { card_dev "roc_sim:$1.${2:-0}"; }

sim_new() {
	echo "$1 $2 $3" >/sys/bus/roc_sim/new_device && sims+=("$1")
}

sim_del() {
	local s keep=()
	echo "$1" >/sys/bus/roc_sim/del_device || return 1
	for s in "${sims[@]}"; do [ "$s" = "$1" ] || keep+=("$s"); done
	sims=("${keep[@]}")
}

sim_del_all() {
	local s
	for s in "${sims[@]}"; do
		echo "$s" >/sys/bus/roc_sim/del_device 2>/dev/null
	done
	sims=()
}

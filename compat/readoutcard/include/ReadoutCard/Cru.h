// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file Cru.h
/// \brief CRU constants that ALF uses: the slow-control registers of a link.
///
/// Each link's block starts at BAR2 0xf00000 + (rawLink << 8), rawLink =
/// endpoint * 12 + link; the offsets below are relative to it
/// (docs/hardware.md section P2-8).
#ifndef ROC_READOUTCARD_CRU_H
#define ROC_READOUTCARD_CRU_H

#include "ReadoutCard/NamespaceAlias.h"
#include "ReadoutCard/Register.h"

namespace o2
{
namespace roc
{
namespace Cru
{

static constexpr int MAX_LINKS = 16;

namespace ScRegisters
{
static constexpr Register SCA_WR_DATA(0x00);
static constexpr Register SCA_WR_CMD(0x04);
static constexpr Register SCA_WR_CTRL(0x08);
static constexpr Register SCA_RD_DATA(0x10);
static constexpr Register SCA_RD_CMD(0x14);
static constexpr Register SCA_RD_CTRL(0x18);
static constexpr Register IC_WR_DATA(0x20);
static constexpr Register IC_WR_CTRL(0x24);
static constexpr Register IC_WR_CMD(0x28);
static constexpr Register IC_RD_DATA(0x30);
static constexpr Register SWT_WR_WORD_L(0x40);
static constexpr Register SWT_WR_WORD_M(0x44);
static constexpr Register SWT_WR_WORD_H(0x48);
static constexpr Register SWT_RD_WORD_L(0x50);
static constexpr Register SWT_RD_WORD_M(0x54);
static constexpr Register SWT_RD_WORD_H(0x58);
static constexpr Register SWT_MON(0x5c);
static constexpr Register SC_LINK(0x78);
static constexpr Register SC_RESET(0x7c);
} // namespace ScRegisters

} // namespace Cru
} // namespace roc
} // namespace o2

#endif

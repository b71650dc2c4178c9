// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// Rules every caller shares: ids are validated before they go into a URL, and the offboard or
// cancel comment follows one rule (trimmed, 1 to 1,000 characters, no control characters).
namespace Validation {

constexpr int MaxCommentLength = 1000;

bool isMachineId(const QString &id);  // exactly 40 hex characters (case-insensitive)
bool isActionId(const QString &id);   // a GUID, 8-4-4-4-12 hex
// A computer name usable in GET /api/machines/{name}: DNS name characters only.
bool isComputerName(const QString &name);

enum class CommentProblem { None, Empty, TooLong, ControlCharacter };
CommentProblem checkComment(const QString &comment); // judges comment.trimmed()
QString commentProblemText(CommentProblem problem);  // translated sentence, empty for None

} // namespace Validation

// Merge ids of undo commands that combine consecutive edits (a drag is one undo step).
#pragma once

namespace halltwin::app {

enum CommandId { MoveObjectId = 1, SetPowerCapId, SetNumberId };

} // namespace halltwin::app

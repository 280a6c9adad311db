package dev.parley.backplane;

class MemoryRoomRulesTest extends RoomRulesContract {

    MemoryRoomRulesTest() {
        super(MEMORY);
    }
}

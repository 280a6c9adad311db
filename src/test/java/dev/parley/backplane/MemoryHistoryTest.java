package dev.parley.backplane;

class MemoryHistoryTest extends HistoryContract {

    MemoryHistoryTest() {
        super(MEMORY);
    }
}

package dev.parley.backplane;

class MemorySeatsTest extends SeatsContract {

    MemorySeatsTest() {
        super(MEMORY);
    }
}

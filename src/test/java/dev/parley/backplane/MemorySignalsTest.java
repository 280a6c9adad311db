package dev.parley.backplane;

class MemorySignalsTest extends SignalsContract {

    MemorySignalsTest() {
        super(MEMORY);
    }
}

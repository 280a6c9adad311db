package dev.parley.backplane;

class MemoryRateWindowsTest extends RateWindowsContract {

    MemoryRateWindowsTest() {
        super(MEMORY);
    }
}

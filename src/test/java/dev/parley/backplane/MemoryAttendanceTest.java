package dev.parley.backplane;

class MemoryAttendanceTest extends AttendanceContract {

    MemoryAttendanceTest() {
        super(MEMORY);
    }
}

package dev.parley.backplane.control;

/** Whether the backplane's store can be read and written now (readiness reports it). */
public interface BackplaneStatus {

    boolean available();
}

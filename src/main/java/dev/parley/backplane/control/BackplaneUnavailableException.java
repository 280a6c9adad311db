package dev.parley.backplane.control;

/**
 * The shared store cannot be reached: the operation changed nothing and may be retried. What a client is told is
 * the boundary's business ({@code BackplaneUnavailableMapper}).
 */
public class BackplaneUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BackplaneUnavailableException() {
        // no stack trace: this is an expected condition while Redis is away, answered, not a fault
        super("the backplane's store cannot be reached", null, false, false);
    }
}

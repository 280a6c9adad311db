package dev.parley.backplane.control;

import dev.parley.problems.ProblemException;
import dev.parley.problems.Problems;

/** The shared store cannot be reached: the request changed nothing and may be retried. */
public class BackplaneUnavailableException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public BackplaneUnavailableException() {
        this(Problems.unavailable("backplane-unavailable", "Temporarily unavailable",
                "The chat store cannot be reached right now; nothing was changed. Try again shortly.", 2));
    }

    private BackplaneUnavailableException(ProblemException problem) {
        super(problem.problem(), problem.headers());
    }
}

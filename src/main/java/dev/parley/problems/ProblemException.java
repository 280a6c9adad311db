package dev.parley.problems;

import java.util.LinkedHashMap;
import java.util.Map;

/** A refusal with its problem: thrown by domain code, mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem, Map<String, String> headers) {
        // No stack trace: these are answers, not faults.
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}

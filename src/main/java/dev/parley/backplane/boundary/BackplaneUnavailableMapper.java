package dev.parley.backplane.boundary;

import dev.parley.backplane.control.BackplaneUnavailableException;
import dev.parley.problems.ProblemMappers;
import dev.parley.problems.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The store cannot be reached: 503, nothing changed, try again shortly. */
@Provider
public class BackplaneUnavailableMapper implements ExceptionMapper<BackplaneUnavailableException> {

    @Override
    public Response toResponse(BackplaneUnavailableException e) {
        return ProblemMappers.respond(Problems.unavailable("backplane-unavailable", "Temporarily unavailable",
                "The chat store cannot be reached right now; nothing was changed. Try again shortly.", 2));
    }
}

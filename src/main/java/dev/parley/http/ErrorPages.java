package dev.parley.http;

import dev.parley.problems.Problem;
import dev.parley.problems.StatusTexts;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container's error pages (web.xml), so that what the container itself refuses or fails at reaches the client
 * as Parley's problem or page, never Liberty's HTML naming an exception. A missing file the default servlet reports
 * as an exception is the 404 it is.
 */
public class ErrorPages extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ErrorPages.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            // answered already: the container failed after the answer (Liberty's audit of a malformed Basic header,
            // after Parley's 401, is one such failure), and nothing more can reach the client
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int status = code instanceof Integer number ? number : 404;
        if (notFound(failure)) {
            status = 404;
        } else if (failure != null && status >= 500) {
            // the class and message only: a request URI in a message may carry a token in its query
            LOG.log(Level.WARNING, "A request failed in the container: {0}", failure.getClass().getName());
        }
        if (status < 400) {
            status = 404;
        }
        Refusals.send(request, response, Problem.ofStatus(status, StatusTexts.title(status), StatusTexts.detail(status)),
                Map.of());
    }

    private static boolean notFound(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileNotFoundException) {
                return true;
            }
        }
        return false;
    }
}

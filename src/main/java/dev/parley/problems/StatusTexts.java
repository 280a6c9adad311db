package dev.parley.problems;

/** The title and detail of a problem that means no more than its HTTP status, written here once. */
public final class StatusTexts {

    private StatusTexts() {
    }

    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 408 -> "Request timeout";
            case 409 -> "Conflict";
            case 411 -> "Length required";
            case 413 -> "Request body too large";
            case 414 -> "Request URI too long";
            case 415 -> "Unsupported media type";
            case 422 -> "Unprocessable content";
            case 429 -> "Too many requests";
            case 431 -> "Request header fields too large";
            case 500 -> "Internal server error";
            case 501 -> "Not implemented";
            case 503 -> "Service unavailable";
            default -> "HTTP " + status;
        };
    }

    public static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is not valid.";
            case 404 -> "There is no resource at this path.";
            case 405 -> "This resource does not support that method.";
            case 406 -> "This resource cannot produce a representation the request accepts.";
            case 408 -> "The request did not arrive in time.";
            case 411 -> "The request needs a Content-Length.";
            case 413 -> "The request is larger than this server accepts.";
            case 414 -> "The request's address is longer than this server accepts.";
            case 415 -> "Send the body as application/json in UTF-8.";
            case 431 -> "The request's headers are larger than this server accepts.";
            case 500 -> "The server failed; the failure is logged.";
            default -> title(status) + ".";
        };
    }
}

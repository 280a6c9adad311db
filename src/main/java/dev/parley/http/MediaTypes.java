package dev.parley.http;

import dev.parley.problems.Problems;
import java.util.Locale;

/** The one media type request bodies may have. */
final class MediaTypes {

    private MediaTypes() {
    }

    /**
     * Accepts {@code application/json}, with no parameter or only {@code charset=utf-8} (any case, quoted or not);
     * anything else, {@code *}{@code /*} and a missing type included, is a 415 problem.
     */
    static void requireJson(String contentType) {
        if (contentType == null || !isJson(contentType)) {
            throw Problems.unsupportedMediaType();
        }
    }

    static boolean isJson(String contentType) {
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT).replace("\"", "");
            if (!parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }
}

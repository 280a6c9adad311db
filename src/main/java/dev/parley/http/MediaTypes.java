package dev.parley.http;

import java.util.Locale;

/** The one media type request bodies may have. */
final class MediaTypes {

    private MediaTypes() {
    }

    /**
     * Whether it is {@code application/json}, with no parameter or only {@code charset=utf-8} (any case, quoted or
     * not): anything else, {@code *}{@code /*} and a missing type included, is no body of Parley's.
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
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

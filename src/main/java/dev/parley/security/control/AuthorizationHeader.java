package dev.parley.security.control;

import java.util.regex.Pattern;

/** An {@code Authorization} header's parts, as every request that presents one has them read. */
public final class AuthorizationHeader {

    // compiled once: String.split compiles a pattern like this one at every call
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private AuthorizationHeader() {
    }

    /** The scheme and the credential, split at the white space between them; one part when there is none. */
    public static String[] split(String authorization) {
        return WHITE_SPACE.split(authorization.strip(), 2);
    }
}

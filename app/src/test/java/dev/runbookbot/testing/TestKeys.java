package dev.runbookbot.testing;

import dev.runbookbot.secrets.MasterKey;

/**
 * Fixed master keys for tests, with their ids as computed independently (Python's hashlib: {@code k-} and the first 8
 * hex digits of SHA-256 of the key bytes), so tests can state exact messages. Never use these keys for anything real.
 */
public final class TestKeys {
    /** Bytes 0..31. */
    public static final String A_BASE64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    public static final String A_ID = "k-630dcd29";

    /** Bytes 32..63. */
    public static final String B_BASE64 = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    public static final String B_ID = "k-72dbb733";

    /** 32 bytes of 0xAB. */
    public static final String C_BASE64 = "q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=";

    public static final String C_ID = "k-9a2db2e2";

    private TestKeys() {}

    public static MasterKey a() {
        return MasterKey.parse(A_BASE64, "test key A");
    }

    public static MasterKey b() {
        return MasterKey.parse(B_BASE64, "test key B");
    }

    public static MasterKey c() {
        return MasterKey.parse(C_BASE64, "test key C");
    }
}

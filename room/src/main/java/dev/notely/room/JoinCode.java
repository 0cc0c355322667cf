package dev.notely.room;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The six letters an instructor reads aloud: without them a kit cannot report and nobody can read the room.
 * Letters a person mixes up when hearing or typing them (I, L, O) are never chosen; case does not matter.
 */
public record JoinCode(String letters) {

    public static final int LENGTH = 6;
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final Pattern SHAPE = Pattern.compile("[A-Z]{" + LENGTH + "}");

    public JoinCode {
        letters = letters.strip().toUpperCase(Locale.ROOT);
        if (!SHAPE.matcher(letters).matches()) {
            throw new IllegalArgumentException("a join code is " + LENGTH + " letters, as the room printed it");
        }
    }

    /** A fresh code, from a random source no one can predict. */
    public static JoinCode random() {
        return random(new SecureRandom());
    }

    static JoinCode random(Random random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new JoinCode(code.toString());
    }

    /** Whether {@code given} is this code, in any case; compared in constant time so timing tells nothing. */
    public boolean matches(String given) {
        if (given == null) {
            return false;
        }
        byte[] a = letters.getBytes(StandardCharsets.US_ASCII);
        byte[] b = given.strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(a, b);
    }

    @Override
    public String toString() {
        return letters;
    }
}

package io.kolladoctor.deployment.facts;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Raw bytes of one {@link FactRequest}, as the source gave them, with where they came from
 * ({@code origin}: a snapshot path, an API URL, a command line) and when.
 */
public record Material(FactRequest request, byte[] bytes, String origin, Instant collectedAt) {

    /** The bytes as text. UTF-8 when they are UTF-8; otherwise ISO-8859-1, so nothing is lost or thrown. */
    public String text() {
        String strict = strictUtf8();
        return strict != null ? strict : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** False for material that is not valid UTF-8 (a config saved by an old editor, a CJK label in GBK). */
    public boolean isUtf8() {
        return strictUtf8() != null;
    }

    private String strictUtf8() {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}

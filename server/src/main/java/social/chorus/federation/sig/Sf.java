package social.chorus.federation.sig;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RFC 8941 structured-field values RFC 9421 and RFC 9530 use, and their canonical
 * serialisation. The serialisation matters: the {@code @signature-params} line and every component
 * identifier enter the signature base in exactly this form.
 *
 * <p>Bare items are {@link String} (sf-string), {@link Token}, {@link Long}, {@link BigDecimal},
 * {@link Boolean} and {@link Bytes}.
 */
final class Sf {
    private Sf() {}

    sealed interface Member permits Item, InnerList {}

    record Item(Object value, Map<String, Object> params) implements Member {
        Item {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        static Item of(Object value) {
            return new Item(value, Map.of());
        }
    }

    record InnerList(List<Item> items, Map<String, Object> params) implements Member {
        InnerList {
            items = List.copyOf(items);
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    record Token(String value) {}

    record Bytes(byte[] value) {
        Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }
    }

    static String serialize(Member member) {
        StringBuilder sb = new StringBuilder();
        if (member instanceof InnerList list) {
            sb.append('(');
            for (int i = 0; i < list.items().size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                appendItem(sb, list.items().get(i));
            }
            sb.append(')');
            appendParams(sb, list.params());
        } else {
            appendItem(sb, (Item) member);
        }
        return sb.toString();
    }

    static String serializeDictionary(Map<String, ? extends Member> dictionary) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, ? extends Member> e : dictionary.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey());
            Member m = e.getValue();
            if (m instanceof Item item && Boolean.TRUE.equals(item.value())) {
                appendParams(sb, item.params());
            } else {
                sb.append('=').append(serialize(m));
            }
        }
        return sb.toString();
    }

    private static void appendItem(StringBuilder sb, Item item) {
        appendBare(sb, item.value());
        appendParams(sb, item.params());
    }

    private static void appendParams(StringBuilder sb, Map<String, Object> params) {
        for (Map.Entry<String, Object> p : params.entrySet()) {
            sb.append(';').append(p.getKey());
            if (!Boolean.TRUE.equals(p.getValue())) {
                sb.append('=');
                appendBare(sb, p.getValue());
            }
        }
    }

    private static void appendBare(StringBuilder sb, Object value) {
        if (value instanceof String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    throw new IllegalArgumentException("sf-string allows printable ASCII only");
                }
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
            }
            sb.append('"');
        } else if (value instanceof Token t) {
            sb.append(t.value());
        } else if (value instanceof Long l) {
            sb.append(l.longValue());
        } else if (value instanceof BigDecimal d) {
            // §4.1.5: one to three fractional digits.
            int scale = Math.max(1, Math.min(3, d.stripTrailingZeros().scale()));
            sb.append(d.setScale(scale, RoundingMode.HALF_EVEN).toPlainString());
        } else if (value instanceof Boolean b) {
            sb.append(b ? "?1" : "?0");
        } else if (value instanceof Bytes bytes) {
            sb.append(':').append(Base64.getEncoder().encodeToString(bytes.value())).append(':');
        } else {
            throw new IllegalArgumentException("not a structured-field bare item: " + value);
        }
    }
}

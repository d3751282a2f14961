package social.chorus.federation.sig;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8941 parser for dictionaries (Signature-Input, Signature, Content-Digest). Strict
 * because a lenient parser would let two implementations disagree about what was signed.
 */
final class SfParser {
    private final String in;
    private int pos;

    private SfParser(String input) {
        this.in = input;
    }

    /** Parses a dictionary; repeated header lines must be joined with ", " first. */
    static Map<String, Sf.Member> dictionary(String input) {
        SfParser p = new SfParser(input);
        p.skipOws();
        Map<String, Sf.Member> dict = new LinkedHashMap<>();
        while (!p.atEnd()) {
            String key = p.key();
            Sf.Member member;
            if (p.peek() == '=') {
                p.pos++;
                member = p.itemOrInnerList();
            } else {
                member = new Sf.Item(Boolean.TRUE, p.params());
            }
            dict.put(key, member);
            p.skipOws();
            if (p.atEnd()) {
                return dict;
            }
            p.expect(',');
            p.skipOws();
            if (p.atEnd()) {
                throw p.error("trailing comma");
            }
        }
        return dict;
    }

    private Sf.Member itemOrInnerList() {
        return peek() == '(' ? innerList() : item();
    }

    private Sf.InnerList innerList() {
        expect('(');
        List<Sf.Item> items = new ArrayList<>();
        while (!atEnd()) {
            skipSp();
            if (peek() == ')') {
                pos++;
                return new Sf.InnerList(items, params());
            }
            items.add(item());
            char c = peek();
            if (c != ' ' && c != ')') {
                throw error("expected space or ')' in inner list");
            }
        }
        throw error("unterminated inner list");
    }

    private Sf.Item item() {
        Object bare = bareItem();
        return new Sf.Item(bare, params());
    }

    private Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        while (peek() == ';') {
            pos++;
            skipSp();
            String key = key();
            Object value = Boolean.TRUE;
            if (peek() == '=') {
                pos++;
                value = bareItem();
            }
            params.put(key, value);
        }
        return params;
    }

    private String key() {
        char c = peek();
        if (!(c >= 'a' && c <= 'z') && c != '*') {
            throw error("key must start with a lower-case letter or '*'");
        }
        int start = pos;
        while (!atEnd()) {
            c = in.charAt(pos);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '*') {
                pos++;
            } else {
                break;
            }
        }
        return in.substring(start, pos);
    }

    private Object bareItem() {
        char c = peek();
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (c == '"') {
            return string();
        }
        if (c == ':') {
            return bytes();
        }
        if (c == '?') {
            return bool();
        }
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '*') {
            return token();
        }
        throw error("unexpected character");
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int intDigits = 0;
        while (!atEnd() && isDigit(in.charAt(pos))) {
            intDigits++;
            pos++;
        }
        if (peek() != '.') {
            // RFC 8941 §3.3.1: at most 15 digits.
            if (intDigits == 0 || intDigits > 15) {
                throw error("bad integer");
            }
            return Long.parseLong(in.substring(start, pos));
        }
        pos++;
        int fracDigits = 0;
        while (!atEnd() && isDigit(in.charAt(pos))) {
            fracDigits++;
            pos++;
        }
        // §3.3.2: at most 12 integer and 3 fractional digits.
        if (intDigits == 0 || intDigits > 12 || fracDigits == 0 || fracDigits > 3) {
            throw error("bad decimal");
        }
        return new BigDecimal(in.substring(start, pos));
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (!atEnd()) {
            char c = in.charAt(pos++);
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                char next = in.charAt(pos++);
                if (next != '"' && next != '\\') {
                    throw error("bad escape in string");
                }
                sb.append(next);
            } else if (c == '"') {
                return sb.toString();
            } else if (c < 0x20 || c > 0x7e) {
                throw error("control or non-ASCII character in string");
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated string");
    }

    private Sf.Token token() {
        int start = pos;
        pos++;
        while (!atEnd() && isTokenChar(in.charAt(pos))) {
            pos++;
        }
        return new Sf.Token(in.substring(start, pos));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
    }

    private Sf.Bytes bytes() {
        expect(':');
        int end = in.indexOf(':', pos);
        if (end < 0) {
            throw error("unterminated byte sequence");
        }
        String b64 = in.substring(pos, end);
        for (int i = 0; i < b64.length(); i++) {
            char c = b64.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=';
            if (!ok) {
                throw error("bad character in byte sequence");
            }
        }
        pos = end + 1;
        try {
            return new Sf.Bytes(Base64.getDecoder().decode(b64));
        } catch (IllegalArgumentException e) {
            throw error("bad base64 in byte sequence");
        }
    }

    private Boolean bool() {
        expect('?');
        char c = peek();
        pos++;
        if (c == '1') {
            return Boolean.TRUE;
        }
        if (c == '0') {
            return Boolean.FALSE;
        }
        throw error("bad boolean");
    }

    private void skipSp() {
        while (!atEnd() && in.charAt(pos) == ' ') {
            pos++;
        }
    }

    private void skipOws() {
        while (!atEnd() && (in.charAt(pos) == ' ' || in.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return atEnd() ? '\0' : in.charAt(pos);
    }

    private boolean atEnd() {
        return pos >= in.length();
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("structured field: " + what + " at offset " + pos);
    }
}

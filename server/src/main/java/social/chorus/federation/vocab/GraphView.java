package social.chorus.federation.vocab;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import social.chorus.federation.vocab.Vocab.Term;

/**
 * Typed look-ups on the expanded graph of one document. Every property is looked up by its IRI
 * and by its undefined-term fallback ({@link Term}), so a compaction choice or a missing context
 * does not change what is read. RDF keeps no order for plain arrays: lists come back sorted so
 * that the same document always reads the same.
 */
final class GraphView {

    /** scheme ":" something, without spaces: an IRI sent as a plain string under an unknown term. */
    private static final Pattern ABSOLUTE_IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S+");
    private static final Set<String> PERSON_LIKE = Set.of("Person", "Service", "Application");
    private static final int MAX_LIST = 10_000;
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final Graph graph;

    GraphView(Graph graph) {
        this.graph = graph;
    }

    /**
     * The node the document is about: the one whose IRI is the top-level {@code id}, else, for a
     * document without an id, the one node that nothing points to.
     */
    Node root(String rawId) {
        if (rawId != null) {
            Node byId = NodeFactory.createURI(rawId);
            if (graph.contains(byId, Node.ANY, Node.ANY)) {
                return byId;
            }
            // Titanium drops every triple of a node whose id is not a well-formed absolute IRI.
            // Falling back to another node would read an embedded object as the document.
            throw new JsonLdException(JsonLdException.Reason.NO_ROOT, graph.isEmpty() && isAbsoluteIri(rawId)
                    ? "the document has no properties that any known context defines"
                    : "the document's id is not a well-formed absolute IRI: " + rawId);
        }
        Set<Node> subjects = new HashSet<>();
        Set<Node> pointedTo = new HashSet<>();
        graph.find().forEachRemaining(t -> {
            subjects.add(t.getSubject());
            if (!t.getPredicate().getURI().equals(Vocab.RDF_TYPE)) {
                pointedTo.add(t.getObject());
            }
        });
        subjects.removeAll(pointedTo);
        if (subjects.size() != 1) {
            throw new JsonLdException(JsonLdException.Reason.NO_ROOT, subjects.isEmpty()
                    ? "the document has no properties that any known context defines"
                    : "the document has no id and " + subjects.size() + " top-level nodes");
        }
        return subjects.iterator().next();
    }

    boolean hasProperties(Node node) {
        return graph.contains(node, Node.ANY, Node.ANY);
    }

    /** All values of a property, under its IRI or its undefined-term name. */
    List<Node> values(Node subject, Term term) {
        List<Node> values = new ArrayList<>();
        add(values, subject, term.iri());
        add(values, subject, term.undefinedIri());
        return values;
    }

    private void add(List<Node> values, Node subject, String predicate) {
        graph.find(subject, NodeFactory.createURI(predicate), Node.ANY)
                .mapWith(Triple::getObject)
                .forEachRemaining(values::add);
    }

    /** Values with RDF lists ({@code orderedItems}, {@code @list} containers) spread in order. */
    List<Node> items(Node subject, Term term) {
        List<Node> items = new ArrayList<>();
        for (Node value : values(subject, term)) {
            if (isList(value)) {
                spreadList(value, items);
            } else {
                items.add(value);
            }
        }
        return items;
    }

    /** Whether the node is the head of an RDF list (what {@code @list} containers become). */
    boolean isList(Node node) {
        return node.isURI() && node.getURI().equals(Vocab.RDF_NIL)
                || graph.contains(node, NodeFactory.createURI(Vocab.RDF_FIRST), Node.ANY);
    }

    private void spreadList(Node head, List<Node> into) {
        Node first = NodeFactory.createURI(Vocab.RDF_FIRST);
        Node rest = NodeFactory.createURI(Vocab.RDF_REST);
        Node cell = head;
        // The bound stops a cyclic list a hostile sender could build.
        for (int i = 0; i < MAX_LIST && !cell.isURI(); i++) {
            graph.find(cell, first, Node.ANY).mapWith(Triple::getObject).forEachRemaining(into::add);
            List<Node> next = graph.find(cell, rest, Node.ANY).mapWith(Triple::getObject).toList();
            if (next.isEmpty()) {
                return;
            }
            cell = next.get(0);
        }
    }

    /** A node's IRI; also an absolute IRI sent as a string under a term no context typed. */
    String id(Node node) {
        if (node.isURI()) {
            return node.getURI();
        }
        if (node.isLiteral() && isAbsoluteIri(node.getLiteralLexicalForm())) {
            return node.getLiteralLexicalForm();
        }
        return null;
    }

    private static boolean isAbsoluteIri(String value) {
        return ABSOLUTE_IRI.matcher(value).matches();
    }

    /** Distinct IRIs among the values, sorted. */
    List<String> ids(Node subject, Term term) {
        TreeSet<String> ids = new TreeSet<>();
        for (Node value : values(subject, term)) {
            String id = id(value);
            if (id != null) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    String firstId(Node subject, Term term) {
        List<String> ids = ids(subject, term);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /**
     * IRIs of actor-valued properties, best author first: a Person/Service/Application before an
     * Organization before a Group (PeerTube attributes a video to an account and a channel).
     */
    List<String> actorIds(Node subject, Term term) {
        List<Node> values = new ArrayList<>(values(subject, term));
        values.removeIf(v -> id(v) == null);
        values.sort(Comparator.comparingInt(this::actorRank).thenComparing(this::id));
        return values.stream().map(this::id).distinct().toList();
    }

    private int actorRank(Node node) {
        List<String> types = types(node);
        if (types.stream().anyMatch(PERSON_LIKE::contains)) {
            return 0;
        }
        return types.contains("Organization") ? 1 : types.contains("Group") ? 2 : 3;
    }

    /**
     * A string value. {@code content} and {@code contentMap} arrive as one property with and
     * without a language: the plain value wins, then "und", then the first language tag.
     */
    String text(Node subject, Term term) {
        return values(subject, term).stream()
                .filter(Node::isLiteral)
                .min(Comparator.comparingInt((Node n) -> languageRank(n.getLiteralLanguage()))
                        .thenComparing(Node::getLiteralLanguage)
                        .thenComparing(Node::getLiteralLexicalForm))
                .map(Node::getLiteralLexicalForm)
                .orElse(null);
    }

    private static int languageRank(String language) {
        return language.isEmpty() ? 0 : language.equalsIgnoreCase("und") ? 1 : 2;
    }

    Boolean bool(Node subject, Term term) {
        String value = lexical(subject, term);
        if (value == null) {
            return null;
        }
        return value.equals("true") || value.equals("1");
    }

    /**
     * An integer (a fraction is cut); null when absent, not a number, or beyond a long, which
     * would otherwise wrap round to any value (2^64 + 100 to 100).
     */
    Long integer(Node subject, Term term) {
        String value = lexical(subject, term);
        try {
            if (value == null) {
                return null;
            }
            BigDecimal number = new BigDecimal(value);
            return number.compareTo(LONG_MIN) < 0 || number.compareTo(LONG_MAX) > 0 ? null : number.longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A date-time; one without an offset is taken as UTC, one that does not parse as null. */
    Instant instant(Node subject, Term term) {
        String value = lexical(subject, term);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private String lexical(Node subject, Term term) {
        return values(subject, term).stream().filter(Node::isLiteral)
                .map(Node::getLiteralLexicalForm).sorted().findFirst().orElse(null);
    }

    /** The node's types as short names: ActivityStreams types first, each group sorted. */
    List<String> types(Node node) {
        TreeSet<String> activityStreams = new TreeSet<>();
        TreeSet<String> others = new TreeSet<>();
        graph.find(node, NodeFactory.createURI(Vocab.RDF_TYPE), Node.ANY).forEachRemaining(t -> {
            Node type = t.getObject();
            if (type.isURI()) {
                String iri = type.getURI();
                (iri.startsWith(Vocab.AS) ? activityStreams : others).add(shortName(iri));
            }
        });
        List<String> types = new ArrayList<>(activityStreams);
        types.addAll(others);
        return types;
    }

    /** Only the ActivityStreams types, by short name: what decides the record kind. */
    List<String> activityStreamsTypes(Node node) {
        List<String> types = new ArrayList<>();
        graph.find(node, NodeFactory.createURI(Vocab.RDF_TYPE), Node.ANY).forEachRemaining(t -> {
            if (t.getObject().isURI() && t.getObject().getURI().startsWith(Vocab.AS)) {
                types.add(shortName(t.getObject().getURI()));
            }
        });
        return types;
    }

    String type(Node node) {
        List<String> types = types(node);
        return types.isEmpty() ? null : types.get(0);
    }

    /** "Note" for as:Note, "Lock" for an undefined Lock, "Emoji" for toot:Emoji. */
    static String shortName(String iri) {
        for (String namespace : List.of(Vocab.AS, Vocab.UNDEFINED_NS)) {
            if (iri.startsWith(namespace) && iri.length() > namespace.length()) {
                return iri.substring(namespace.length());
            }
        }
        int cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
        if (cut < 0) {
            cut = iri.lastIndexOf(':');
        }
        return cut >= 0 && cut < iri.length() - 1 ? iri.substring(cut + 1) : iri;
    }

    /**
     * A {@code url}-like value: a plain IRI, or the href of a Link. Several Links (PeerTube sends
     * one per format) → the text/html one, which is the page a person would open.
     */
    String link(Node subject, Term term) {
        return values(subject, term).stream()
                .map(this::linkCandidate)
                .filter(c -> c.href() != null)
                .min(Comparator.comparingInt(LinkCandidate::rank).thenComparing(LinkCandidate::href))
                .map(LinkCandidate::href)
                .orElse(null);
    }

    private record LinkCandidate(String href, int rank) {
    }

    private LinkCandidate linkCandidate(Node value) {
        if (!hasProperties(value)) {
            return new LinkCandidate(id(value), 1);
        }
        String href = firstId(value, Vocab.HREF);
        String mediaType = text(value, Vocab.MEDIA_TYPE);
        boolean html = mediaType != null && mediaType.startsWith("text/html");
        return new LinkCandidate(href != null ? href : id(value), html ? 0 : 2);
    }

    /** An image-valued property ({@code icon}, an Emoji's icon): its url, or the value itself. */
    String imageUrl(Node subject, Term term) {
        for (Node value : values(subject, term)) {
            String url = hasProperties(value) ? link(value, Vocab.URL) : id(value);
            if (url != null) {
                return url;
            }
        }
        return null;
    }
}

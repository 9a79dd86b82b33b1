package org.myoline.engine.model;

/** How a source is cited in answers: the source, its evidence tag, and for U that the value is a configurable default. */
public final class Evidence {
    private Evidence() {
    }

    public static String citation(String source, String evidence) {
        return source + " [" + evidence + ("U".equals(evidence) ? ": unverified default, configurable" : "") + "]";
    }
}

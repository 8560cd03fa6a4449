package org.scjava.kernel.display;

/** SVG documents as notebook outputs. */
final class Svg {

    private Svg() {
    }

    /**
     * The {@code <svg>} element alone: an XML declaration or DOCTYPE before it makes nbconvert's HTML export fail
     * ("Unicode strings with encoding declaration are not supported") and means nothing inside an HTML page.
     */
    static String inline(String svgDocument) {
        int start = svgDocument.indexOf("<svg");
        return start > 0 ? svgDocument.substring(start) : svgDocument;
    }
}

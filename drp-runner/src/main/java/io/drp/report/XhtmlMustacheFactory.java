package io.drp.report;

import com.github.mustachejava.DefaultMustacheFactory;

import java.io.Writer;

/**
 * Mustache for the XHTML pages: every value is made XML-safe ({@link XmlText}) before Mustache's own HTML escaping,
 * which would otherwise turn U+0001 into {@code &#1;}, a reference XML 1.0 forbids as much as the character.
 */
final class XhtmlMustacheFactory extends DefaultMustacheFactory {

    @Override
    public void encode(String value, Writer writer) {
        super.encode(XmlText.clean(value), writer);
    }
}

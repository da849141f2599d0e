import { describe, expect, it } from "vitest";
import { classifyAddress, expandIPv6, isPublicAddress } from "@/lib/content/ingest/address-policy";
import { htmlToText } from "@/lib/text/html-to-text";

describe("SSRF address classification", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.10", "private"],
    ["100.64.0.1", "private"],
    ["169.254.169.254", "metadata"],
    ["169.254.1.1", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["198.18.0.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["fd00:ec2::254", "metadata"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    // IPv6 forms that carry an IPv4 address are judged by it.
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["[::ffff:10.0.0.1]", "private"],
    ["::ffff:a9fe:a9fe", "metadata"],
    ["::ffff:0:192.168.0.1", "private"],
    ["::127.0.0.1", "loopback"],
    ["64:ff9b::a9fe:a9fe", "metadata"],
    ["64:ff9b::808:808", "public"],
    ["2002:7f00:1::1", "loopback"],
    ["2002:0808:0808::1", "public"],
    ["8.8.8.8", "public"],
    ["172.32.0.1", "public"],
    ["2606:4700:4700::1111", "public"],
    ["::ffff:8.8.8.8", "public"],
    ["not-an-ip", "invalid"],
    ["999.1.1.1", "invalid"],
  ])("%s is %s", (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
    expect(isPublicAddress(ip)).toBe(cls === "public");
  });

  it("expands IPv6 with and without an embedded IPv4 tail", () => {
    expect(expandIPv6("::ffff:127.0.0.1")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(expandIPv6("2001:db8::")).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0]);
    expect(expandIPv6("1.2.3.4")).toBeNull();
  });
});

describe("HTML to readable text", () => {
  it("keeps the article, drops scripts/styles/navigation, decodes entities", () => {
    const page = htmlToText(
      `<html><head><title>T &amp; co</title><meta property="og:description" content="Desc &eacute;t&#233;"><script>var x = "<p>no</p>";</script></head><body><nav>Menu</nav><main><h1>Titre</h1><p>Un paragraphe assez long pour compter comme contenu principal de la page, avec des détails concrets sur le projet et ses délais.</p><ul><li>un</li><li>deux</li></ul><p>Encore du texte pour dépasser deux cents caractères dans le bloc principal de cette page.</p></main><footer>pied</footer></body></html>`,
    );
    expect(page.title).toBe("T & co");
    expect(page.description).toBe("Desc été");
    expect(page.text).toContain("Titre\nUn paragraphe");
    expect(page.text).toContain("- un\n- deux");
    expect(page.text).not.toMatch(/Menu|pied|var x|no<\/p>/);
  });
});

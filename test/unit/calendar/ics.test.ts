import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { escapeText, eventIcs, fold, textOfHtml, utcDateTime, type IcsEvent } from '../../../src/adapters/calendar/ics';

const event = (extra: Partial<IcsEvent> = {}): IcsEvent => ({
  uid: '0123456789abcdef0123456789abcdef@attune.local.invalid',
  stamp: '2026-12-04T02:30:15.123Z',
  window: { start: '2026-12-08T09:00:00.000Z', end: '2026-12-08T10:00:00.000Z' },
  summary: 'VIG supervision',
  description: 'Supervision session',
  cancelled: false,
  sequence: 0,
  url: 'https://teams.local.invalid/meet/0123456789abcdef0123456789abcdef',
  ...extra,
});

/** The file's physical lines: it must end in CRLF and hold no bare CR or LF. */
function physicalLines(ics: string): string[] {
  assert.ok(ics.endsWith('\r\n'), 'the last line ends in CRLF');
  const lines = ics.slice(0, -2).split('\r\n');
  for (const line of lines) assert.doesNotMatch(line, /[\r\n]/, 'no bare CR or LF');
  return lines;
}

/** Parsed back as RFC 5545 §3.1 says: unfold (CRLF + space), then NAME[;params]:value per content line. */
function parse(ics: string): { name: string; value: string }[] {
  const logical: string[] = [];
  for (const line of physicalLines(ics)) {
    if (line.startsWith(' ')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  return logical.map((line) => {
    const colon = line.indexOf(':');
    assert.ok(colon > 0, `a content line: ${line}`);
    return { name: line.slice(0, colon), value: line.slice(colon + 1) };
  });
}

const valueOf = (ics: string, name: string): string | undefined => parse(ics).find((p) => p.name === name)?.value;

/** Reads an escaped TEXT value back. */
const unescapeText = (value: string): string => value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

describe('ics (an RFC 5545 file of one local event)', () => {
  describe('eventIcs', () => {
    it('is one VCALENDAR holding one VEVENT with its required properties, each once', () => {
      const names = parse(eventIcs(event())).map((p) => p.name);
      assert.equal(names[0], 'BEGIN');
      assert.deepEqual(parse(eventIcs(event())).filter((p) => p.name === 'BEGIN' || p.name === 'END').map((p) => `${p.name}:${p.value}`), ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VEVENT', 'END:VCALENDAR']);
      for (const name of ['VERSION', 'PRODID', 'UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY', 'DESCRIPTION', 'SEQUENCE', 'STATUS']) {
        assert.equal(names.filter((n) => n === name).length, 1, name);
      }
      assert.equal(valueOf(eventIcs(event()), 'VERSION'), '2.0');
    });

    it('ends every line with CRLF', () => {
      const ics = eventIcs(event({ description: 'one\ntwo\r\nthree' }));
      assert.equal(ics.split('\r\n').length - 1, ics.split('\n').length - 1, 'every LF follows a CR');
      assert.equal(ics.split('\r').length, ics.split('\r\n').length, 'every CR precedes an LF');
      physicalLines(ics);
    });

    it('writes the times in UTC, without milliseconds', () => {
      const ics = eventIcs(event({ window: { start: '2026-12-08T09:00:00.000Z', end: '2026-12-08T10:30:00.000Z' } }));
      assert.equal(valueOf(ics, 'DTSTART'), '20261208T090000Z');
      assert.equal(valueOf(ics, 'DTEND'), '20261208T103000Z');
      assert.equal(valueOf(ics, 'DTSTAMP'), '20261204T023015Z');
    });

    it('says CONFIRMED for a booked event and CANCELLED for a cancelled one', () => {
      assert.equal(valueOf(eventIcs(event()), 'STATUS'), 'CONFIRMED');
      assert.equal(valueOf(eventIcs(event({ cancelled: true })), 'STATUS'), 'CANCELLED');
    });

    it('carries the sequence, so a calendar takes a moved event as an update', () => {
      assert.equal(valueOf(eventIcs(event()), 'SEQUENCE'), '0');
      assert.equal(valueOf(eventIcs(event({ sequence: 2 })), 'SEQUENCE'), '2');
    });

    it('escapes the subject and description so they read back exactly', () => {
      const summary = 'VIG; supervision, part 1 \\ intro';
      const description = 'Line one,\nline two; with a back\\slash\r\nand a third';
      const ics = eventIcs(event({ summary, description }));
      assert.equal(valueOf(ics, 'SUMMARY'), 'VIG\\; supervision\\, part 1 \\\\ intro');
      assert.equal(unescapeText(valueOf(ics, 'SUMMARY') ?? ''), summary);
      assert.equal(unescapeText(valueOf(ics, 'DESCRIPTION') ?? ''), description.replace(/\r\n/g, '\n'));
    });

    it('folds long lines at 75 octets and unfolds to the value it was given', () => {
      const description = `Ein längerer Text über Supervision — ${'éàü✓ '.repeat(40)}und 😀 zum Schluss.`;
      const ics = eventIcs(event({ description }));
      const lines = physicalLines(ics);
      assert.ok(lines.some((l) => l.startsWith(' ')), 'some line was folded');
      for (const line of lines) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `${Buffer.byteLength(line, 'utf8')} octets: ${line}`);
      assert.equal(unescapeText(valueOf(ics, 'DESCRIPTION') ?? ''), description);
    });

    it('holds only what it was given: no attendee or organiser', () => {
      const names = parse(eventIcs(event())).map((p) => p.name);
      assert.ok(!names.includes('ATTENDEE') && !names.includes('ORGANIZER'));
    });
  });

  describe('fold', () => {
    it('leaves a line of exactly 75 octets whole and breaks one of 76', () => {
      assert.equal(fold('x'.repeat(75)), `${'x'.repeat(75)}\r\n`);
      assert.equal(fold('x'.repeat(76)), `${'x'.repeat(75)}\r\n x\r\n`);
    });

    it('never splits a multi-byte character', () => {
      const folded = fold(`${'x'.repeat(74)}é`); // é is 2 octets: it would end at octet 76
      assert.equal(folded, `${'x'.repeat(74)}\r\n é\r\n`);
    });
  });

  describe('escapeText', () => {
    it('escapes backslash, semicolon, comma and each kind of line break, and drops other control characters', () => {
      assert.equal(escapeText('a\\b;c,d\ne\r\nf\rg\u0007h\ti'), 'a\\\\b\\;c\\,d\\ne\\nf\\ng' + 'h\ti');
    });
  });

  describe('utcDateTime', () => {
    it('converts any ISO instant to UTC', () => {
      assert.equal(utcDateTime('2026-12-08T10:00:00+01:00'), '20261208T090000Z');
    });
  });

  describe('textOfHtml', () => {
    it('makes paragraphs and breaks line breaks, drops tags and reads entities once', () => {
      assert.equal(textOfHtml('<p>Supervision &amp; review</p><p>Bring&nbsp;notes<br/>&lt;b&gt; &amp;lt; &#39;x&#39;</p>'), "Supervision & review\nBring notes\n<b> &lt; 'x'");
    });
  });
});

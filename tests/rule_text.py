"""A small user rule, as YAML, for the tests that need one to load."""

RULE = """
id: test.kiev
severity: warning
summary: test rule.
message: "'{match}' test."
patterns:
  - pattern: '\\bKiev\\b'
    sentence: '\\bcity\\b|\\bKiev\\b'
exceptions:
  - '\\bchicken[\\s\\pZ]+Kiev\\b'
explanation: test.
sources:
  - title: t
    url: https://example.org/
examples:
  bad: ["the city of Kiev"]
  good: ["chicken Kiev"]
"""

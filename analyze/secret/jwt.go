package secret

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// jwtID is the Format.ID of JSON web tokens.
const jwtID = "jwt"

// anonymousJWT reports a JSON web token whose claims name no one and
// expire never: no subject, issuer, audience or expiry. A test builds
// such a token to exercise its verifier (honojs/hono cc0aa7a: an HS256
// token of {"message":"hello world"} in an algorithm-confusion test);
// a session's token names its user and when it ends. Unreadable claims
// are not anonymous: the token is reported.
func anonymousJWT(token string) bool {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return false
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return false
	}
	var claims map[string]json.RawMessage
	if json.Unmarshal(raw, &claims) != nil {
		return false
	}
	for _, c := range []string{"sub", "iss", "aud", "exp", "email", "user", "user_id", "uid", "username"} {
		if _, ok := claims[c]; ok {
			return false
		}
	}
	return true
}

// bearerID is the Format.ID of bearer tokens, which are often JSON web
// tokens: "bearer eyJ0eXAi..." (golang-jwt/jwt's parser_test.go).
const bearerID = "bearer-token"

// isJWT reports whether a value found by the format id is a JSON web
// token: one of the JWT format, or a bearer token that is one.
func isJWT(id, value string) bool {
	return id == jwtID || id == bearerID && jwtOf(value) != ""
}

// jwtOf is the JSON web token in value ("bearer eyJ...": the part from
// "eyJ"), or "" when there is none.
func jwtOf(value string) string {
	i := strings.Index(value, "eyJ")
	if i < 0 || strings.Count(value[i:], ".") != 2 {
		return ""
	}
	return value[i:]
}

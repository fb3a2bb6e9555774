# bash completion for cx. The candidates come from `cx __complete`, which
# reads the same command tables as cx's help (and, for values such as case
# numbers or customers, the database), so this file never needs to change
# when cx gains commands or options.

_cx() {
	local cur=${COMP_WORDS[COMP_CWORD]}
	local cmd=${COMP_WORDS[0]}
	local out line
	local -a cands=()

	# Ask the cx that is being completed (./build/cx too), with ~ expanded.
	[[ $cmd == "~"/* ]] && cmd=$HOME/${cmd#"~/"}
	out=$("$cmd" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return 0

	if [[ $out == __file__ ]]; then
		compopt -o filenames 2>/dev/null
		while IFS= read -r line; do
			cands+=("$line")
		done < <(compgen -f -- "$cur")
		COMPREPLY=("${cands[@]}")
		return 0
	fi
	# One candidate a line, "value<TAB>description"; bash shows values only.
	while IFS= read -r line; do
		[[ -n $line ]] && cands+=("${line%%$'\t'*}")
	done <<<"$out"
	COMPREPLY=("${cands[@]}")
}

complete -F _cx cx

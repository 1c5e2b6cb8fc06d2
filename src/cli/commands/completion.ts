import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

interface CompletionArgs {
  shell?: Shell;
}

/**
 * The scripts ask `vcc-sim --get-yargs-completions <words so far>` for candidates (yargs answers
 * with commands and options; {@link completionsFor} with scenario names). yargs formats them for
 * the shell named in `SHELL`, so each script sets it for that call.
 */
const SCRIPTS: Record<Shell, string> = {
  bash: `###-begin-vcc-sim-completions-###
# vcc-sim completion for bash: vcc-sim completion bash >> ~/.bashrc
_vcc_sim_completions() {
  local IFS=$'\\n'
  COMPREPLY=($(compgen -W "$(SHELL=bash vcc-sim --get-yargs-completions "\${COMP_WORDS[@]:0:COMP_CWORD+1}" 2>/dev/null)" -- "\${COMP_WORDS[COMP_CWORD]}"))
}
complete -o bashdefault -o default -F _vcc_sim_completions vcc-sim
###-end-vcc-sim-completions-###
`,
  zsh: `#compdef vcc-sim
###-begin-vcc-sim-completions-###
# vcc-sim completion for zsh: vcc-sim completion zsh >> ~/.zshrc
_vcc_sim_completions() {
  local -a reply
  reply=("\${(@f)$(SHELL=zsh vcc-sim --get-yargs-completions "\${(@)words[1,CURRENT]}" 2>/dev/null)}")
  if [[ -n "\${reply[1]}" ]]; then
    _describe 'values' reply
  else
    _default
  fi
}
compdef _vcc_sim_completions vcc-sim
###-end-vcc-sim-completions-###
`,
  fish: `###-begin-vcc-sim-completions-###
# vcc-sim completion for fish: vcc-sim completion fish > ~/.config/fish/completions/vcc-sim.fish
function __vcc_sim_completions
    env SHELL=fish vcc-sim --get-yargs-completions (commandline -opc) (commandline -ct) 2>/dev/null
end
complete -c vcc-sim -f -a '(__vcc_sim_completions)'
###-end-vcc-sim-completions-###
`,
};

function shellOf(path: string | undefined): Shell {
  const name = path?.split('/').pop();
  return SHELLS.find((shell) => shell === name) ?? 'bash';
}

/**
 * Candidates vcc-sim knows better than yargs: the built-in scenarios after `-s`/`--scenario`.
 * `words` are the command line up to the cursor; undefined leaves the answer to yargs.
 */
export async function completionsFor(words: readonly string[]): Promise<string[] | undefined> {
  const previous = words.at(-2);
  if (previous !== '-s' && previous !== '--scenario') return undefined;
  const { BUILT_IN_SCENARIOS } = await import('../../engine/built-in-scenarios.js');
  return BUILT_IN_SCENARIOS.map((scenario) => scenario.name);
}

/** `vcc-sim completion [shell]`: a completion script for bash, zsh or fish. */
export function completionCommand(context: CliContext): CommandModule<object, CompletionArgs> {
  return {
    command: 'completion [shell]',
    describe: 'Print a shell completion script for bash, zsh or fish',
    builder: (yargs) =>
      yargs
        .positional('shell', {
          choices: SHELLS,
          describe: 'The shell [default: the one in $SHELL]',
        })
        .example('$0 completion bash >> ~/.bashrc', 'Complete commands, options and scenarios')
        .example(
          '$0 completion fish > ~/.config/fish/completions/vcc-sim.fish',
          'The same for fish',
        ),
    handler: (args) => {
      context.stdout.write(SCRIPTS[args.shell ?? shellOf(context.env['SHELL'])]);
    },
  };
}

use super::*;
use proptest::prelude::*;
use std::collections::{HashSet, VecDeque};

use CaseState as S;
use CommandKind as C;

/// DOMAIN §6's diagram written out edge by edge, independently of
/// `next_state`: every transition the machine makes must be one of these.
const LEGAL: [(CaseState, CommandKind, CaseState); 19] = [
    (S::Received, C::RequestSupplement, S::NeedsSupplement),
    (S::NeedsSupplement, C::SupplementReceived, S::Received),
    (S::Received, C::Refuse, S::Refused),
    // Papers that never come: the request is refused in writing.
    (S::NeedsSupplement, C::Refuse, S::Refused),
    (S::Received, C::Accept, S::Accepted),
    (S::Accepted, C::Assign, S::Assigned),
    (S::Assigned, C::RecordActivity, S::InProgress),
    (S::InProgress, C::RecordActivity, S::InProgress),
    (S::Assigned, C::Reassign, S::Assigned),
    (S::InProgress, C::Reassign, S::Assigned),
    (S::InProgress, C::Conclude, S::Concluded),
    // Law 11/2017 Art. 37: from acceptance until conclusion.
    (S::Accepted, C::Discontinue, S::Discontinued),
    (S::Assigned, C::Discontinue, S::Discontinued),
    (S::InProgress, C::Discontinue, S::Discontinued),
    (S::Concluded, C::Evaluate, S::Evaluated),
    (S::Concluded, C::Archive, S::Archived),
    (S::Evaluated, C::Archive, S::Archived),
    (S::Refused, C::Archive, S::Archived),
    (S::Discontinued, C::Archive, S::Archived),
];

fn legal(from: CaseState, kind: CommandKind) -> Option<CaseState> {
    LEGAL
        .iter()
        .find(|(f, k, _)| *f == from && *k == kind)
        .map(|(_, _, to)| *to)
}

/// A command of `kind` with some ground.
fn sample(kind: CommandKind) -> Command {
    match kind {
        C::RequestSupplement => Command::RequestSupplement,
        C::SupplementReceived => Command::SupplementReceived,
        C::Refuse => Command::Refuse {
            ground: RefusalGround::BeneficiaryDied,
        },
        C::Accept => Command::Accept,
        C::Assign => Command::Assign,
        C::Reassign => Command::Reassign,
        C::RecordActivity => Command::RecordActivity,
        C::Conclude => Command::Conclude,
        C::Discontinue => Command::Discontinue {
            ground: DiscontinuationGround::Withdrawn,
        },
        C::Evaluate => Command::Evaluate,
        C::Archive => Command::Archive,
    }
}

fn any_command() -> impl Strategy<Value = Command> {
    prop_oneof![
        Just(Command::RequestSupplement),
        Just(Command::SupplementReceived),
        proptest::sample::select(RefusalGround::ALL.to_vec())
            .prop_map(|ground| Command::Refuse { ground }),
        Just(Command::Accept),
        Just(Command::Assign),
        Just(Command::Reassign),
        Just(Command::RecordActivity),
        Just(Command::Conclude),
        proptest::sample::select(DiscontinuationGround::ALL.to_vec())
            .prop_map(|ground| Command::Discontinue { ground }),
        Just(Command::Evaluate),
        Just(Command::Archive),
    ]
}

fn any_state() -> impl Strategy<Value = CaseState> {
    proptest::sample::select(CaseState::ALL.to_vec())
}

/// Applies one command, checking every invariant of a single step.
fn step(state: CaseState, command: &Command) -> Result<CaseState, TestCaseError> {
    let kind = command.kind();
    let allowed = allowed_commands(state).contains(&kind);
    match transition(state, command) {
        Ok(next) => {
            prop_assert!(allowed, "{state} took {kind} though not allowed");
            prop_assert!(CaseState::ALL.contains(&next));
            prop_assert_eq!(
                legal(state, kind),
                Some(next),
                "{} --{}--> {}",
                state,
                kind,
                next
            );
            if next == S::Refused {
                prop_assert!(
                    matches!(state, S::Received | S::NeedsSupplement) && kind == C::Refuse
                );
            }
            if next == S::Archived {
                prop_assert!(kind == C::Archive);
                prop_assert!(matches!(
                    state,
                    S::Concluded | S::Evaluated | S::Refused | S::Discontinued
                ));
            }
            Ok(next)
        }
        Err(err) => {
            prop_assert!(!allowed, "{state} refused {kind} though allowed");
            prop_assert_eq!(
                err,
                TransitionError {
                    state,
                    command: kind
                }
            );
            prop_assert_eq!(err.code(), "case.transition_not_allowed");
            Ok(state)
        }
    }
}

proptest! {
    #[test]
    fn random_commands_keep_the_case_in_a_legal_state(
        commands in proptest::collection::vec(any_command(), 0..60)
    ) {
        let mut state = S::Received;
        for command in &commands {
            state = step(state, command)?;
        }
    }

    /// Walks that only pick allowed commands reach the deep states too.
    #[test]
    fn guided_walks_follow_the_diagram(picks in proptest::collection::vec(any::<usize>(), 0..40)) {
        let mut state = S::Received;
        for pick in picks {
            let allowed = allowed_commands(state);
            if allowed.is_empty() {
                prop_assert_eq!(state, S::Archived);
                break;
            }
            state = step(state, &sample(allowed[pick % allowed.len()]))?;
        }
    }

    #[test]
    fn allowed_commands_and_transition_agree(state in any_state(), command in any_command()) {
        let allowed = allowed_commands(state).contains(&command.kind());
        prop_assert_eq!(transition(state, &command).is_ok(), allowed);
        step(state, &command)?;
    }

    #[test]
    fn nothing_leaves_archived(command in any_command()) {
        prop_assert!(transition(S::Archived, &command).is_err());
    }
}

#[test]
fn every_state_is_reachable_from_received() {
    let mut seen = HashSet::from([S::Received]);
    let mut queue = VecDeque::from([S::Received]);
    while let Some(state) = queue.pop_front() {
        for kind in allowed_commands(state) {
            let next = transition(state, &sample(kind)).unwrap();
            if seen.insert(next) {
                queue.push_back(next);
            }
        }
    }
    assert_eq!(seen.len(), CaseState::ALL.len());
}

#[test]
fn the_machine_has_exactly_the_diagrams_edges() {
    let mut edges = 0;
    for state in CaseState::ALL {
        for kind in CommandKind::ALL {
            assert_eq!(
                transition(state, &sample(kind)).ok(),
                legal(state, kind),
                "{state} --{kind}-->"
            );
            edges += usize::from(legal(state, kind).is_some());
        }
    }
    assert_eq!(edges, LEGAL.len());
}

#[test]
fn allowed_commands_per_state_for_the_ui() {
    assert_eq!(
        allowed_commands(S::Received),
        [C::RequestSupplement, C::Refuse, C::Accept]
    );
    assert_eq!(
        allowed_commands(S::NeedsSupplement),
        [C::SupplementReceived, C::Refuse]
    );
    assert_eq!(allowed_commands(S::Accepted), [C::Assign, C::Discontinue]);
    assert_eq!(
        allowed_commands(S::Assigned),
        [C::Reassign, C::RecordActivity, C::Discontinue]
    );
    assert_eq!(
        allowed_commands(S::InProgress),
        [C::Reassign, C::RecordActivity, C::Conclude, C::Discontinue]
    );
    assert_eq!(allowed_commands(S::Concluded), [C::Evaluate, C::Archive]);
    for s in [S::Refused, S::Discontinued, S::Evaluated] {
        assert_eq!(allowed_commands(s), [C::Archive]);
    }
    assert!(allowed_commands(S::Archived).is_empty());
    assert!(S::Archived.is_terminal());
}

#[test]
fn a_full_litigation_case() {
    let path = [
        Command::RequestSupplement,
        Command::SupplementReceived,
        Command::Accept,
        Command::Assign,
        Command::RecordActivity,
        Command::Reassign,
        Command::RecordActivity,
        Command::RecordActivity,
        Command::Conclude,
        Command::Evaluate,
        Command::Archive,
    ];
    let end = path.iter().try_fold(S::Received, transition).unwrap();
    assert_eq!(end, S::Archived);
}

#[test]
fn an_evaluated_case_is_never_evaluated_twice() {
    let err = transition(S::Evaluated, &Command::Evaluate).unwrap_err();
    assert_eq!(err.code(), "case.transition_not_allowed");
    assert_eq!(
        err.to_string(),
        "a case that is evaluated cannot take the command evaluate"
    );
}

#[test]
fn names_and_wire_format() {
    for s in CaseState::ALL {
        assert_eq!(CaseState::parse(s.as_str()), Ok(s));
        assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        assert!(!s.label_vi().is_empty());
    }
    for k in CommandKind::ALL {
        assert_eq!(CommandKind::parse(k.as_str()), Ok(k));
        assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        assert_eq!(sample(k).kind(), k);
    }
    let refuse = Command::Refuse {
        ground: RefusalGround::UnlawfulContent,
    };
    let json = serde_json::to_value(refuse).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"command": "refuse", "ground": "unlawful_content"})
    );
    assert_eq!(serde_json::from_value::<Command>(json).unwrap(), refuse);
    assert_eq!(
        serde_json::to_value(Command::Accept).unwrap(),
        serde_json::json!({"command": "accept"})
    );
}

import { Body, Controller, Param, Res } from '@nestjs/common';
import { Requires } from '../../auth/permissions';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { derivedId } from '../command-ids';
import { CommandRequest, type CommandRequestInfo } from '../command-request';
import { CommandResponse, IncidentCommandSender } from '../command-response';
import { IncidentCommandRoute } from '../incident-command-route';
import { incidentIdPipe } from '../incident-id.pipe';
import { AddNoteDto } from './add-note.dto';

class NoteAddedResponse extends CommandResponse {
  @ApiProperty({ format: 'uuid' }) noteId!: string;
}

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class AddNoteController {
  constructor(private readonly sender: IncidentCommandSender) {}

  /** Notes are append-only; a correction is a new note referencing the one it corrects. */
  @Requires('incident:note')
  @IncidentCommandRoute('notes', 201)
  async handle(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Body() body: AddNoteDto,
    @CommandRequest() request: CommandRequestInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NoteAddedResponse> {
    const noteId = derivedId(request.commandId, 'note');
    const data = { incidentId, noteId, text: body.text };
    const intent = {
      type: 'AddNote' as const,
      data: body.correctsNoteId === undefined ? data : { ...data, correctsNoteId: body.correctsNoteId },
    };
    return { ...(await this.sender.send(reply, intent, request, body.occurredAt)), noteId };
  }
}
